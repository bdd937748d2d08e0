/* opvolg's search: written into search/index.html, where the page's Content-Security-Policy
   allows exactly this script (by its hash) and the index files it loads. The index is a set
   of classic scripts (search/words-<c>.js, search/entries-<n>.js) that call opvolgSearch, so it
   works from a page opened from disk as well as over http. Words are folded (case, accents) as
   opvolg folds them; a word is looked up as a form of the site (which names its stem), the last
   word of the query also as the start of any form, so that results come while typing, and
   every word as the start of a form a few letters longer. */
(function () {
  "use strict";
  var PER_FILE = {{ search.entries_per_file }};
  var SHOWN = 20;
  var form = document.getElementById("_search-form");
  var input = document.getElementById("_search-q");
  var box = document.getElementById("_search-results");
  var status = document.getElementById("_search-status");
  var list = document.getElementById("_search-hits");
  if (!form || !input || !box || !status || !list) return;
  var kinds = box.getAttribute("data-kinds").split("|");
  var states = box.getAttribute("data-states").split("|").map(function (s) {
    var at = s.indexOf("=");
    return { key: s.slice(0, at), text: s.slice(at + 1) };
  });
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
  function fold(s) { return s.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase(); }
  function split(s) { return fold(s).split(/[^\p{L}\p{N}]+/u).filter(Boolean); }
  function keyOf(word) { var c = word.charAt(0); return /[a-z0-9]/.test(c) ? c : "_"; }
  /* Only the files the site has (no word of the site starts with the others). */
  var files = box.getAttribute("data-files") || "";
  function loadWords(keys) {
    return Promise.all(keys.filter(function (k) { return files.indexOf(k) >= 0; })
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
      [3, 1].forEach(function (weight, place) {
        var n = 0;
        postings[place].forEach(function (delta) {
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
  /* A hit: its title as a link to its place, kind, id and state, and a snippet. */
  function hit(row) {
    var kind = kinds[row[0]], id = row[1], title = row[2], state = states[row[3]], url = row[4], context = row[6];
    var li = element("li", "hit");
    var heading = element("p", "hit-title");
    var link = element("a", null, null);
    link.href = "../" + url;
    highlight(link, title);
    heading.appendChild(link);
    li.appendChild(heading);
    var meta = element("p", "hit-meta");
    meta.appendChild(element("span", "hit-kind", kind));
    if (id) { meta.appendChild(document.createTextNode(" ")); meta.appendChild(element("span", "rec-id", id)); }
    if (state) { meta.appendChild(document.createTextNode(" ")); meta.appendChild(element("span", "badge " + stateClass(state.key), state.text)); }
    if (context) {
      meta.appendChild(document.createTextNode(" · "));
      var where = element("span", "hit-context");
      highlight(where, context);
      meta.appendChild(where);
    }
    li.appendChild(meta);
    if (row[5]) {
      var snippet = element("p", "hit-snippet");
      highlight(snippet, cut(row[5]));
      li.appendChild(snippet);
    }
    return li;
  }
  /* A word of a hit is marked when it is a form the query found, or has the stem of one. */
  /* The theme's class of a state: recommendations', commitments' and targets' differ. */
  function stateClass(key) {
    if (/^commitment_/.test(key)) return key;
    if (["met", "not_met_yet", "missed", "no_data"].indexOf(key) >= 0) return "target-" + key;
    return "state-" + key;
  }
  function matches(word) {
    var w = fold(word);
    if (marks.forms[w]) return true;
    var file = words[keyOf(w)];
    return Boolean(file && has(file.forms, w) && marks.stems[file.forms[w] || w]);
  }
  /* The snippet from a little before its first matching word. */
  function cut(s) {
    var parts = s.split(/([\p{L}\p{N}]+)/u);
    for (var i = 1; i < parts.length; i += 2) {
      if (matches(parts[i])) {
        if (i < 24) return s;
        return "…" + parts.slice(i - 12).join("");
      }
    }
    return s;
  }
  function highlight(into, s) {
    s.split(/([\p{L}\p{N}]+)/u).forEach(function (part, i) {
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
