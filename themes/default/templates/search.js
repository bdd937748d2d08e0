/* opvolg's search: written into search/index.html, where the page's Content-Security-Policy
   allows exactly this script (by its hash) and the index files it loads. The index is a set
   of classic scripts (search/words-<c>.js, search/entries-<n>.js) that call opvolgSearch, so it
   works from a page opened from disk as well as over http; its format is in the reference of
   the template context ("The search index"). Words are folded and cut as opvolg does it; a word
   is looked up as a form of the site (which names its stem), the last word of the query also as
   the start of any form, so that results come while typing, and every word as the start of a
   form a few letters longer. */
(function () {
  "use strict";
  /* What opvolg says about the index (SearchSetup): entries per file, the files of words, the
     kinds and states that entries give by number. */
  var setup = {{ search | script_json }};
  var PER_FILE = setup.entries_per_file;
  var SHOWN = 20;
  var form = document.getElementById("_search-form");
  var input = document.getElementById("_search-q");
  var box = document.getElementById("_search-results");
  var status = document.getElementById("_search-status");
  var list = document.getElementById("_search-hits");
  if (!form || !input || !box || !status || !list) return;
  var text = function (name) { return box.getAttribute("data-" + name) || ""; };
  var words = {}, entries = {}, loading = {};
  window.opvolgSearch = {
    words: function (key, data) { words[key] = data; },
    entries: function (n, rows) { entries[n] = rows; }
  };

  /* Loads an index file once; resolves when it ran (or failed: a missing file finds nothing). */
  function load(file) {
    if (!loading[file]) {
      loading[file] = new Promise(function (resolve) {
        var script = document.createElement("script");
        script.src = file;
        script.onload = resolve;
        script.onerror = resolve;
        document.head.appendChild(script);
      });
    }
    return loading[file];
  }
  /* -- the rule of words -- the same as opvolg's (its search_index.rs, WORD_RULE), which the
     README's "Search" and the reference state. opvolg's tests run this part as it is, from this
     comment to the one that ends it, and compare it with opvolg's own folding and cutting. */
  /* Case and accents away: NFD, combining marks removed, lower case, and every sigma one
     letter (toLowerCase makes a sigma that ends a word final, ς; opvolg lower-cases a letter at
     a time, which makes it σ). */
  function fold(s) { return s.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase().replace(/\u03c2/g, "\u03c3"); }
  /* The words of a text, folded: runs of Alphabetic characters and numbers. */
  function split(s) { return fold(s).split(/[^\p{Alphabetic}\p{N}]+/u).filter(Boolean); }
  /* A text as shown, cut at the same places: words at odd indexes (with the combining marks
     that follow their letters), what separates them at even ones. */
  function pieces(s) { return s.split(/([\p{Alphabetic}\p{N}\p{M}]+)/u); }
  /* The file of words a word is in. */
  function keyOf(word) { var c = word.charAt(0); return /[a-z0-9]/.test(c) ? c : "_"; }
  /* -- end of the rule of words -- */
  /* Only the files the site has (no word of the site starts with the others). */
  function loadWords(keys) {
    return Promise.all(keys.filter(function (k) { return setup.word_files.indexOf(k) >= 0; })
      .map(function (k) { return load("words-" + k + ".js"); }));
  }
  function has(object, key) { return Object.prototype.hasOwnProperty.call(object, key); }
  function set() { return Object.create(null); }
  function unique(list) { return list.filter(function (x, i) { return list.indexOf(x) === i; }); }

  /* The stems a query word stands for, and the forms that have them (for highlighting). A
     word the site does not have is tried a letter shorter, up to three ("reconciled" finds
     "reconciliation"), as long as four letters are left. */
  function stemsOf(term, last, found) {
    for (var cut = 0; cut <= 3 && term.length - cut >= (cut ? 4 : 1); cut++) {
      stemsOfForm(term.slice(0, term.length - cut), last || cut > 0, found);
      if (Object.keys(found.stems).length) return;
    }
  }
  function stemsOfForm(term, last, found) {
    var file = words[keyOf(term)];
    if (!file) return;
    var exact = has(file.forms, term);
    if (exact) { found.stems[file.forms[term] || term] = true; found.forms[term] = true; }
    /* Longer forms too: any while the word is being typed, else those a few letters longer
       (a plural the stemmer keeps apart: "locatie", "locaties"); never for a whole word with
       a digit in it, an id ("R1" is not "R10"). */
    if (exact && !last && /\d/.test(term)) return;
    var longest = last || !exact ? Infinity : term.length + 3;
    if (term.length >= 2 || last) {
      /* A single letter being typed stands for its first 500 words only: the next letter
         narrows it down. */
      var n = 0, most = term.length === 1 ? 500 : Infinity;
      for (var form in file.forms) {
        if (form.length > term.length && form.length <= longest && form.lastIndexOf(term, 0) === 0) {
          found.stems[file.forms[form] || form] = true;
          found.forms[form] = true;
          if (++n >= most) break;
        }
      }
    }
  }
  /* entry number -> weight of the best place the term is in (title or id 3, text 1). */
  function hitsOf(stems) {
    var hits = new Map();
    Object.keys(stems).forEach(function (stem) {
      var file = words[keyOf(stem)];
      var postings = file && has(file.stems, stem) && file.stems[stem];
      if (!postings) return;
      [["title", 3], ["text", 1]].forEach(function (place) {
        var n = 0, weight = place[1];
        (postings[place[0]] || []).forEach(function (delta) {
          n += delta;
          if ((hits.get(n) || 0) < weight) hits.set(n, weight);
        });
      });
    });
    return hits;
  }

  var current = 0, ranked = [], shownCount = 0, marks = null, query = "";
  function search(q) {
    var token = ++current;
    query = q.trim();
    var terms = unique(split(query));
    if (!terms.length) return show(token, [], { forms: set(), stems: set() });
    status.textContent = text("loading");
    return loadWords(unique(terms.map(keyOf))).then(function () {
      var found = terms.map(function (term, i) {
        var f = { stems: set(), forms: set() };
        stemsOf(term, i === terms.length - 1, f);
        return f;
      });
      var stemKeys = [];
      found.forEach(function (f) { Object.keys(f.stems).forEach(function (s) { stemKeys.push(keyOf(s)); }); });
      return loadWords(unique(stemKeys)).then(function () { return found; });
    }).then(function (found) {
      if (token !== current) return;
      var perTerm = found.map(function (f) { return hitsOf(f.stems); });
      perTerm.sort(function (a, b) { return a.size - b.size; });
      var scores = [];
      perTerm[0].forEach(function (weight, n) {
        var score = weight;
        for (var i = 1; i < perTerm.length; i++) {
          var w = perTerm[i].get(n);
          if (!w) return;
          score += w;
        }
        scores.push([n, score]);
      });
      scores.sort(function (a, b) { return b[1] - a[1] || a[0] - b[0]; });
      var all = { forms: set(), stems: set() };
      found.forEach(function (f) {
        Object.keys(f.forms).forEach(function (w) { all.forms[w] = true; });
        Object.keys(f.stems).forEach(function (s) { all.stems[s] = true; });
      });
      return show(token, scores.map(function (s) { return s[0]; }), all);
    });
  }

  function show(token, numbers, found) {
    ranked = numbers; marks = found; shownCount = 0;
    var old = document.getElementById("_search-more");
    if (old) old.parentNode.removeChild(old);
    list.textContent = "";
    if (!query) { status.textContent = ""; return Promise.resolve(); }
    var count = numbers.length;
    var said = count === 0 ? text("no-results") : count === 1 ? text("results-one") : text("results-many");
    var number = count.toLocaleString(document.documentElement.lang);
    status.textContent = said.replace("{count}", function () { return number; }).replace("{query}", function () { return query; });
    return more(token);
  }

  /* Shows the next hits, once the files with their entries are in. */
  function more(token) {
    var next = ranked.slice(shownCount, shownCount + SHOWN);
    shownCount += next.length;
    var files = unique(next.map(function (n) { return Math.floor(n / PER_FILE); }));
    return Promise.all(files.map(function (f) { return load("entries-" + f + ".js"); })).then(function () {
      if (token !== current) return;
      var old = document.getElementById("_search-more");
      if (old) old.parentNode.removeChild(old);
      next.forEach(function (n) {
        var rows = entries[Math.floor(n / PER_FILE)];
        var row = rows && rows[n % PER_FILE];
        if (row) list.appendChild(hit(row));
      });
      if (shownCount < ranked.length) {
        var button = document.createElement("button");
        button.type = "button";
        button.id = "_search-more";
        button.className = "search-more";
        button.textContent = text("more");
        button.addEventListener("click", function () {
          var first = list.children.length;
          more(current).then(function () {
            var link = list.children[first] && list.children[first].querySelector("a");
            if (link) link.focus();
          });
        });
        box.appendChild(button);
      }
    });
  }

  function element(name, className, content) {
    var e = document.createElement(name);
    if (className) e.className = className;
    if (content) e.textContent = content;
    return e;
  }
  /* A hit (an entry row of the index, by its fields' names): its title as a link to its
     place, kind, id and state, and a snippet. */
  function hit(row) {
    var kind = setup.kinds[row.kind], state = row.state === undefined ? null : setup.states[row.state];
    var li = element("li", "hit");
    var heading = element("p", "hit-title");
    var link = element("a", null, null);
    link.href = "../" + row.url;
    highlight(link, row.title);
    heading.appendChild(link);
    li.appendChild(heading);
    var meta = element("p", "hit-meta");
    if (kind) meta.appendChild(element("span", "hit-kind", kind.text));
    if (row.id) { meta.appendChild(document.createTextNode(" ")); meta.appendChild(element("span", "rec-id", row.id)); }
    if (state) { meta.appendChild(document.createTextNode(" ")); meta.appendChild(element("span", "badge " + stateClass(state), state.text)); }
    if (row.context) {
      meta.appendChild(document.createTextNode(" · "));
      var where = element("span", "hit-context");
      highlight(where, row.context);
      meta.appendChild(where);
    }
    li.appendChild(meta);
    if (row.snippet) {
      var snippet = element("p", "hit-snippet");
      highlight(snippet, cut(row.snippet));
      li.appendChild(snippet);
    }
    return li;
  }
  /* The theme's class of a state's badge, as on its other pages: by what it is a state of. */
  var BADGE = { recommendation: "state-", commitment: "", target: "target-" };
  function stateClass(state) { return (has(BADGE, state.of) ? BADGE[state.of] : "") + state.key; }
  /* A word of a hit is marked when it is a form the query found, or has the stem of one. */
  function matches(word) {
    var w = fold(word);
    if (marks.forms[w]) return true;
    var file = words[keyOf(w)];
    return Boolean(file && has(file.forms, w) && marks.stems[file.forms[w] || w]);
  }
  /* The snippet from a little before its first matching word. */
  function cut(s) {
    var parts = pieces(s);
    for (var i = 1; i < parts.length; i += 2) {
      if (matches(parts[i])) {
        if (i < 24) return s;
        return "…" + parts.slice(i - 12).join("");
      }
    }
    return s;
  }
  function highlight(into, s) {
    pieces(s).forEach(function (part, i) {
      if (i % 2 === 1 && matches(part)) into.appendChild(element("mark", null, part));
      else if (part) into.appendChild(document.createTextNode(part));
    });
  }

  function remember(q) {
    try { history.replaceState(null, "", q ? "?q=" + encodeURIComponent(q) : location.pathname); } catch (e) { /* file:// may refuse */ }
  }
  input.addEventListener("input", function () { search(input.value); remember(input.value.trim()); });
  form.addEventListener("submit", function (event) { event.preventDefault(); search(input.value); remember(input.value.trim()); });
  var asked = new URLSearchParams(location.search).get("q");
  if (asked) { input.value = asked; search(asked); }
})();
