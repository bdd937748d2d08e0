//! `cargo bench`: the hot parts of a build, per unit of work.
//! - markdown: one recommendation body (~250 words, a list and a table) to HTML;
//! - charts: one indicator chart (3 series of 36 monthly points with a target) and one
//!   follow-up timeline;
//! - pages: rendering a whole generated site of 200 recommendations in memory (templates,
//!   charts, Markdown), reported per page.
//!
//! Speed goals live here and in bench/run.sh, never in timed unit tests.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use opvolg::date::Date;
use std::hint::black_box;
use std::path::Path;

fn generated(n: usize) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    opvolg::synthetic::generate(n, dir.path(), false);
    dir
}

fn hot_paths(c: &mut Criterion) {
    let site = generated(200);
    let checked = match opvolg::check(site.path()) {
        Ok(checked) => checked,
        Err(e) => panic!("{e:?}"),
    };
    let model = &checked.site;
    let rec = model.recommendations.values().next().unwrap();
    let ind = model
        .indicators
        .values()
        .max_by_key(|i| i.series.len())
        .unwrap();
    let as_of = model.config.as_of;
    let t_file = opvolg::source::SourceFile {
        path: "nl.toml".into(),
        text: std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/i18n/nl.toml"),
        )
        .unwrap()
        .into(),
    };
    let t = opvolg::render::i18n::Translations::parse(&t_file, &mut Default::default()).unwrap();

    c.bench_function("markdown/recommendation body", |b| {
        b.iter(|| {
            opvolg::markdown::to_html(
                black_box(rec.body.markdown()),
                Default::default(),
                &opvolg::markdown::PlainMarkup,
            )
        })
    });
    c.bench_function("charts/indicator", |b| {
        b.iter(|| {
            let mut diags = Default::default();
            opvolg::render::charts::indicator_chart(black_box(ind), "c", as_of, &t, "d", &mut diags)
        })
    });
    let promised = Date::parse("2023-05-25").unwrap();
    c.bench_function("charts/timeline", |b| {
        b.iter(|| {
            let mut diags = Default::default();
            opvolg::render::charts::timeline_chart(
                black_box(rec),
                promised,
                as_of,
                &t,
                "d",
                &mut diags,
            )
        })
    });

    let mut group = c.benchmark_group("pages");
    group.sample_size(10);
    group.throughput(Throughput::Elements(checked.stats.pages as u64));
    group.bench_function("check (render all, per page)", |b| {
        b.iter(|| {
            opvolg::check(black_box(site.path()))
                .map(|c| c.stats.pages)
                .unwrap_or(0)
        })
    });
    group.finish();

    // Paths that must stay linear in their input: many equal headings (each one's `-n`
    // suffix), many diagnostics in one file (each one's line and column).
    let mut group = c.benchmark_group("linear");
    group.sample_size(10);
    for n in [1_000usize, 10_000] {
        let headings = "## Same heading\n\ntext\n\n".repeat(n);
        group.throughput(Throughput::Elements(n as u64));
        group.bench_function(format!("repeated headings/{n}"), |b| {
            b.iter(|| {
                opvolg::markdown::outline(black_box(&headings))
                    .headings
                    .len()
            })
        });
        let text = "value = \"x\"\n".repeat(n);
        group.bench_function(format!("diagnostics in one file/{n}"), |b| {
            b.iter(|| {
                let mut diags = opvolg::diag::Diagnostics::default();
                for line in 0..n {
                    diags.error_at("data/x.toml", &text, line * 12 + 8, "bad value");
                }
                diags.into_report().diagnostics.len()
            })
        });
    }
    group.finish();
}

criterion_group! {
    name = benches;
    // No HTML/SVG plots: criterion's plotters fonts are not needed for numbers.
    config = Criterion::default().without_plots();
    targets = hot_paths
}
criterion_main!(benches);
