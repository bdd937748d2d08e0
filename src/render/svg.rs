//! A compact SVG drawing backend for plotters.
//!
//! Owns how a drawing becomes SVG markup: what plotters draws (lines, rectangles, polygons,
//! dots, text) is written as `<path>` elements with path data and `<text>` elements, styled by
//! short class names from a fixed palette instead of per-element style attributes. Consecutive
//! shapes of the same style become one path, so a grid is one element, a series' markers are
//! one element, and the bytes of a chart stay a small multiple of what it shows. Coordinates
//! are whole pixels (plotters hands the backend integers). The classes are defined by
//! [`stylesheet`], shared by every page; a chart written as a file of its own carries the rules
//! it uses. Pure: drawing calls in, a string out; it never measures text (plotters does that
//! with the font compiled in) and knows nothing about charts or the model.

use plotters_backend::text_anchor::{HPos, VPos};
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingBackend, DrawingErrorKind,
    FontStyle, FontTransform,
};
use std::fmt::Write as _;

/// The pens a drawing may use: a colour, and any declarations its stroke class adds (a dash
/// pattern). A pen is chosen by drawing in its colour, and named by its index in classes
/// (`s3`, `f3`). A colour outside the palette is written as an attribute (it never happens in
/// opvolg's charts, but plotters may draw one of its own).
pub struct Palette(pub &'static [((u8, u8, u8), &'static str)]);

/// The font sizes (plotters' sizes, in pixels with line spacing) charts use, each a class
/// `z<size>`; the drawn size is the plotters size / 1.24, as plotters' own SVG backend writes.
pub const FONT_SIZES: [u32; 4] = [15, 16, 17, 18];
/// The widest stroke a class exists for (`w1` .. `w12`; dots use their diameter).
const MAX_WIDTH: u32 = 12;
/// The x-height of the measuring font (Liberation Sans: 1082 / 2048 em), for plotters' text
/// positions "0.5ex above/below the anchor" written as pixels.
const X_HEIGHT_EM: f64 = 1082.0 / 2048.0;
/// How far below its anchor top-aligned text has its baseline (plotters' SVG backend: 0.76em).
const TOP_EM: f64 = 0.76;

/// What a path is painted with: consecutive shapes with the same paint share one path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Paint {
    Stroke {
        color: Rgba,
        width: u32,
    },
    Fill {
        color: Rgba,
    },
    /// Filled circles of one diameter, drawn as zero-length strokes with round caps.
    Dots {
        color: Rgba,
        diameter: u32,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Rgba {
    rgb: (u8, u8, u8),
    /// Opacity in hundredths (100: opaque).
    alpha: u8,
}

impl From<BackendColor> for Rgba {
    fn from(c: BackendColor) -> Rgba {
        Rgba {
            rgb: c.rgb,
            alpha: (c.alpha.clamp(0.0, 1.0) * 100.0).round() as u8,
        }
    }
}

/// The style of a text: texts with the same style share one `<g>`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct TextStyle {
    color: Rgba,
    size: u32,
    bold: bool,
    /// `text-anchor`: start, end or middle.
    anchor: Anchor,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Anchor {
    Start,
    End,
    Middle,
}

/// The element being extended.
enum Run {
    None,
    Path { paint: Paint, d: PathData },
}

/// Something a drawing could not be written with.
#[derive(Debug)]
pub struct SvgError(String);

impl std::fmt::Display for SvgError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for SvgError {}

/// What a drawing made: the elements inside its `<svg>`, and the classes they use.
#[derive(Debug, Default)]
pub struct Drawn {
    pub elements: String,
    /// Which classes the drawing used, so a standalone file carries only their rules.
    pub used: Used,
}

/// A plotters backend that writes compact SVG into a [`Drawn`]; everything is there once
/// plotters presents the drawing (or the backend is dropped).
pub struct CompactSvg<'a> {
    size: (u32, u32),
    palette: &'static Palette,
    target: &'a mut Drawn,
    out: String,
    run: Run,
    /// Text, one run per style in the order styles first appear. Text is written after every
    /// shape: labels stay readable wherever lines cross them, and labels of one style (all
    /// the axis labels) share one element.
    texts: Vec<(TextStyle, String)>,
    used: Used,
}

/// Classes a drawing used (bit sets over palette indices, widths and font sizes).
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Used {
    stroke: u32,
    fill: u32,
    width: u32,
    size: u32,
    round: bool,
    bold: bool,
    end: bool,
    middle: bool,
}

impl<'a> CompactSvg<'a> {
    pub fn new(size: (u32, u32), palette: &'static Palette, target: &'a mut Drawn) -> Self {
        CompactSvg {
            size,
            palette,
            target,
            out: String::with_capacity(4096),
            run: Run::None,
            texts: Vec::new(),
            used: Used::default(),
        }
    }

    /// Hands what is drawn so far to the target.
    fn finish(&mut self) {
        self.flush();
        for (style, body) in std::mem::take(&mut self.texts) {
            self.out.push_str("<g ");
            self.text_attributes(style);
            self.out.push('>');
            self.out.push_str(&body);
            self.out.push_str("</g>");
        }
        self.target.elements.push_str(&self.out);
        self.out.clear();
        self.target.used = self.used;
    }

    fn index(&self, color: Rgba) -> Option<usize> {
        if color.alpha != 100 {
            return None;
        }
        self.palette.0.iter().position(|(c, _)| *c == color.rgb)
    }

    /// Writes the element being extended and starts none.
    fn flush(&mut self) {
        match std::mem::replace(&mut self.run, Run::None) {
            Run::None => {}
            Run::Path { paint, d } => {
                self.out.push_str("<path ");
                self.paint_attributes(paint);
                self.out.push_str(" d=\"");
                self.out.push_str(&d.text);
                self.out.push_str("\"/>");
            }
        }
    }

    fn paint_attributes(&mut self, paint: Paint) {
        let (color, width, class) = match paint {
            Paint::Stroke { color, width } => (color, width, 's'),
            Paint::Fill { color } => (color, 0, 'f'),
            Paint::Dots { color, diameter } => (color, diameter, 's'),
        };
        let mut classes = String::new();
        match self.index(color) {
            Some(i) => {
                let _ = write!(classes, "{class}{i}");
                if class == 's' {
                    self.used.stroke |= 1 << i;
                } else {
                    self.used.fill |= 1 << i;
                }
            }
            None => {
                let attribute = if class == 's' { "stroke" } else { "fill" };
                let (r, g, b) = color.rgb;
                let _ = write!(self.out, "{attribute}=\"#{r:02x}{g:02x}{b:02x}\" ");
                if class == 's' {
                    self.out.push_str("fill=\"none\" ");
                }
                if color.alpha != 100 {
                    let _ = write!(self.out, "opacity=\"{}\" ", f64::from(color.alpha) / 100.0);
                }
            }
        }
        if width > 1 && width <= MAX_WIDTH {
            self.used.width |= 1 << width;
            let _ = write!(classes, " w{width}");
        } else if width > MAX_WIDTH {
            let _ = write!(self.out, "stroke-width=\"{width}\" ");
        }
        if matches!(paint, Paint::Dots { .. }) {
            self.used.round = true;
            classes.push_str(" r");
        }
        if classes.is_empty() {
            // Only attributes: take away the space the last one left.
            self.out.pop();
        } else {
            let _ = write!(self.out, "class=\"{}\"", classes.trim_start());
        }
    }

    fn text_attributes(&mut self, style: TextStyle) {
        let mut classes = String::new();
        let size = FONT_SIZES.iter().position(|s| *s == style.size);
        match size {
            Some(i) => {
                self.used.size |= 1 << i;
                let _ = write!(classes, "z{}", style.size);
            }
            None => {
                let _ = write!(
                    self.out,
                    "font-size=\"{}\" ",
                    Px(f64::from(style.size) / 1.24)
                );
            }
        }
        match self.index(style.color) {
            Some(i) => {
                self.used.fill |= 1 << i;
                let _ = write!(classes, " f{i}");
            }
            None => {
                let (r, g, b) = style.color.rgb;
                let _ = write!(self.out, "fill=\"#{r:02x}{g:02x}{b:02x}\" ");
            }
        }
        if style.bold {
            self.used.bold = true;
            classes.push_str(" b");
        }
        match style.anchor {
            Anchor::End => {
                self.used.end = true;
                classes.push_str(" e");
            }
            Anchor::Middle => {
                self.used.middle = true;
                classes.push_str(" m");
            }
            Anchor::Start => {}
        }
        let _ = write!(self.out, "class=\"{}\"", classes.trim_start());
    }

    /// The path run for `paint`, started if the last element was something else.
    fn path(&mut self, paint: Paint) -> &mut PathData {
        let same = matches!(&self.run, Run::Path { paint: p, .. } if *p == paint);
        if !same {
            self.flush();
            self.run = Run::Path {
                paint,
                d: PathData::default(),
            };
        }
        match &mut self.run {
            Run::Path { d, .. } => d,
            _ => unreachable!("a path run was just started"),
        }
    }

    fn polyline(&mut self, points: &[BackendCoord], paint: Paint, close: bool) {
        let Some(&first) = points.first() else {
            return;
        };
        let d = self.path(paint);
        if d.pen != Some(first) || close {
            d.move_to(first);
        }
        for &p in &points[1..] {
            d.line_to(p);
        }
        if close {
            d.close();
        }
    }
}

/// Path data written as it is drawn: the first point absolute, every other step relative to
/// the pen (shorter, as the numbers are small), a command letter only where it changes.
#[derive(Default)]
struct PathData {
    text: String,
    /// Where the pen is; `None` before the first move.
    pen: Option<BackendCoord>,
    /// Where the open subpath started: a close returns the pen there.
    start: BackendCoord,
    /// The last command written, so a repeated one needs no letter.
    last: u8,
}

impl PathData {
    /// A command letter; a repeated `l`, `h` or `v` needs none: the numbers after it go on.
    fn command(&mut self, letter: u8) {
        if self.last != letter || !matches!(letter, b'l' | b'h' | b'v') {
            self.text.push(letter as char);
            self.last = letter;
        }
    }

    /// A number after others: a space between them unless its sign separates it.
    fn number(&mut self, n: i32) {
        if n >= 0 && self.text.ends_with(|c: char| c.is_ascii_digit()) {
            self.text.push(' ');
        }
        let mut buffer = itoa::Buffer::new();
        self.text.push_str(buffer.format(n));
    }

    fn move_to(&mut self, to: BackendCoord) {
        match self.pen {
            None => {
                self.text.push('M');
                self.last = b'M';
                self.number(to.0);
                self.number(to.1);
            }
            Some(at) => {
                self.text.push('m');
                self.last = b'm';
                self.number(to.0 - at.0);
                self.number(to.1 - at.1);
            }
        }
        self.pen = Some(to);
        self.start = to;
    }

    fn line_to(&mut self, to: BackendCoord) {
        let at = self.pen.unwrap_or(to);
        let (dx, dy) = (to.0 - at.0, to.1 - at.1);
        if dy == 0 && dx != 0 {
            self.command(b'h');
            self.number(dx);
        } else if dx == 0 && dy != 0 {
            self.command(b'v');
            self.number(dy);
        } else {
            self.command(b'l');
            self.number(dx);
            self.number(dy);
        }
        self.pen = Some(to);
    }

    fn close(&mut self) {
        self.text.push('z');
        self.last = b'z';
        self.pen = Some(self.start);
    }

    /// A disc's centre: a line of no length, which round caps draw as a disc.
    fn dot(&mut self, at: BackendCoord) {
        self.move_to(at);
        self.text.push_str("h0");
        self.last = b'h';
    }

    /// A circle's outline from its leftmost point, as two half arcs.
    fn circle(&mut self, (x, y): BackendCoord, r: i32) {
        self.move_to((x - r, y));
        let _ = write!(
            self.text,
            "a{r} {r} 0 1 0 {} 0a{r} {r} 0 1 0 {} 0",
            2 * r,
            -2 * r
        );
        self.last = b'a';
    }
}

/// A pixel value with at most one decimal, no trailing zero.
struct Px(f64);

impl std::fmt::Display for Px {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let tenths = (self.0 * 10.0).round() as i64;
        if tenths % 10 == 0 {
            write!(f, "{}", tenths / 10)
        } else {
            let sign = if tenths < 0 { "-" } else { "" };
            write!(f, "{sign}{}.{}", tenths.abs() / 10, tenths.abs() % 10)
        }
    }
}

fn escape_text(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            other => out.push(other),
        }
    }
}

impl Drop for CompactSvg<'_> {
    fn drop(&mut self) {
        self.finish();
    }
}

impl DrawingBackend for CompactSvg<'_> {
    type ErrorType = SvgError;

    fn get_size(&self) -> (u32, u32) {
        self.size
    }

    fn ensure_prepared(&mut self) -> Result<(), DrawingErrorKind<SvgError>> {
        Ok(())
    }

    fn present(&mut self) -> Result<(), DrawingErrorKind<SvgError>> {
        self.finish();
        Ok(())
    }

    fn draw_pixel(
        &mut self,
        point: BackendCoord,
        color: BackendColor,
    ) -> Result<(), DrawingErrorKind<SvgError>> {
        if color.alpha == 0.0 {
            return Ok(());
        }
        let (x, y) = point;
        self.fill_polygon([(x, y), (x + 1, y), (x + 1, y + 1), (x, y + 1)], &color)
    }

    fn draw_line<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
    ) -> Result<(), DrawingErrorKind<SvgError>> {
        if style.color().alpha == 0.0 {
            return Ok(());
        }
        let paint = Paint::Stroke {
            color: style.color().into(),
            width: style.stroke_width(),
        };
        self.polyline(&[from, to], paint, false);
        Ok(())
    }

    fn draw_rect<S: BackendStyle>(
        &mut self,
        upper_left: BackendCoord,
        bottom_right: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<SvgError>> {
        if style.color().alpha == 0.0 {
            return Ok(());
        }
        let color = style.color().into();
        let paint = if fill {
            Paint::Fill { color }
        } else {
            // plotters' own SVG backend strokes rectangles 1 pixel wide.
            Paint::Stroke { color, width: 1 }
        };
        let (x0, y0) = upper_left;
        let (x1, y1) = bottom_right;
        // Clockwise, like every filled shape here, so overlapping shapes in one path unite.
        self.polyline(&[(x0, y0), (x1, y0), (x1, y1), (x0, y1)], paint, true);
        Ok(())
    }

    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Result<(), DrawingErrorKind<SvgError>> {
        if style.color().alpha == 0.0 {
            return Ok(());
        }
        let points: Vec<BackendCoord> = path.into_iter().collect();
        let paint = Paint::Stroke {
            color: style.color().into(),
            width: style.stroke_width(),
        };
        self.polyline(&points, paint, false);
        Ok(())
    }

    fn draw_circle<S: BackendStyle>(
        &mut self,
        center: BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<SvgError>> {
        if style.color().alpha == 0.0 {
            return Ok(());
        }
        let color: Rgba = style.color().into();
        let r = radius as i32;
        let (x, y) = center;
        if fill {
            // A round cap on a line of no length is a disc of the stroke's width.
            self.path(Paint::Dots {
                color,
                diameter: 2 * radius,
            })
            .dot((x, y));
        } else {
            self.path(Paint::Stroke {
                color,
                width: style.stroke_width(),
            })
            .circle((x, y), r);
        }
        Ok(())
    }

    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vert: I,
        style: &S,
    ) -> Result<(), DrawingErrorKind<SvgError>> {
        if style.color().alpha == 0.0 {
            return Ok(());
        }
        let mut points: Vec<BackendCoord> = vert.into_iter().collect();
        // One orientation for every filled shape: in a shared path, shapes that overlap then
        // add up instead of cutting holes into each other.
        let twice_area: i64 = points
            .iter()
            .zip(points.iter().cycle().skip(1))
            .map(|(a, b)| i64::from(a.0) * i64::from(b.1) - i64::from(b.0) * i64::from(a.1))
            .sum();
        if twice_area < 0 {
            points.reverse();
        }
        let paint = Paint::Fill {
            color: style.color().into(),
        };
        self.polyline(&points, paint, true);
        Ok(())
    }

    fn draw_text<T: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &T,
        pos: BackendCoord,
    ) -> Result<(), DrawingErrorKind<SvgError>> {
        let color = style.color();
        if color.alpha == 0.0 {
            return Ok(());
        }
        let size = style.size().round() as u32;
        let text_style = TextStyle {
            color: color.into(),
            size,
            bold: matches!(style.style(), FontStyle::Bold),
            anchor: match style.anchor().h_pos {
                HPos::Left => Anchor::Start,
                HPos::Right => Anchor::End,
                HPos::Center => Anchor::Middle,
            },
        };
        let at = match self.texts.iter().position(|(s, _)| *s == text_style) {
            Some(at) => at,
            None => {
                self.texts.push((text_style, String::with_capacity(256)));
                self.texts.len() - 1
            }
        };
        let body = &mut self.texts[at].1;
        let font_px = f64::from(size) / 1.24;
        let shift = match style.anchor().v_pos {
            VPos::Top => TOP_EM * font_px,
            VPos::Center => 0.5 * X_HEIGHT_EM * font_px,
            VPos::Bottom => -0.5 * X_HEIGHT_EM * font_px,
        };
        let (x, y) = pos;
        let rotation = match style.transform() {
            FontTransform::Rotate90 => Some(90),
            FontTransform::Rotate180 => Some(180),
            FontTransform::Rotate270 => Some(270),
            _ => None,
        };
        // Rotated text shifts along its own (rotated) baseline normal, as `dy` would.
        let (dx, dy) = match rotation {
            Some(90) => (-shift, 0.0),
            Some(180) => (0.0, -shift),
            Some(270) => (shift, 0.0),
            _ => (0.0, shift),
        };
        let _ = write!(
            body,
            "<text x=\"{}\" y=\"{}\"",
            Px(f64::from(x) + dx),
            Px(f64::from(y) + dy)
        );
        if let Some(degrees) = rotation {
            let _ = write!(body, " transform=\"rotate({degrees} {x} {y})\"");
        }
        body.push('>');
        escape_text(body, text);
        body.push_str("</text>");
        Ok(())
    }
}

/// The CSS rules of every class the backend writes, for a page's shared stylesheet (`scope`
/// is the selector of the drawings, `.oc`), or only those in `used` for a standalone file
/// (with no `scope`: the file holds nothing else).
pub fn stylesheet(palette: &Palette, scope: &str, used: Option<Used>) -> String {
    let scope = if scope.is_empty() {
        String::new()
    } else {
        format!("{scope} ")
    };
    let all = Used {
        stroke: u32::MAX,
        fill: u32::MAX,
        width: u32::MAX,
        size: u32::MAX,
        round: true,
        bold: true,
        end: true,
        middle: true,
    };
    let used = used.unwrap_or(all);
    let mut css = String::new();
    for (i, ((r, g, b), extra)) in palette.0.iter().enumerate() {
        if used.stroke & (1 << i) != 0 {
            let _ = write!(
                css,
                "{scope}.s{i}{{stroke:#{r:02x}{g:02x}{b:02x};fill:none{}{extra}}}",
                if extra.is_empty() { "" } else { ";" }
            );
        }
        if used.fill & (1 << i) != 0 {
            let _ = write!(css, "{scope}.f{i}{{fill:#{r:02x}{g:02x}{b:02x}}}");
        }
    }
    for width in 2..=MAX_WIDTH {
        if used.width & (1 << width) != 0 {
            let _ = write!(css, "{scope}.w{width}{{stroke-width:{width}px}}");
        }
    }
    for (i, size) in FONT_SIZES.iter().enumerate() {
        if used.size & (1 << i) != 0 {
            let _ = write!(
                css,
                "{scope}.z{size}{{font-size:{}px}}",
                Px(f64::from(*size) / 1.24)
            );
        }
    }
    for (on, rule) in [
        (used.round, ".r{stroke-linecap:round}"),
        (used.bold, ".b{font-weight:bold}"),
        (used.end, ".e{text-anchor:end}"),
        (used.middle, ".m{text-anchor:middle}"),
    ] {
        if on {
            let _ = write!(css, "{scope}{rule}");
        }
    }
    css
}

#[cfg(test)]
mod tests {
    use super::*;

    static PALETTE: Palette = Palette(&[((0, 0, 0), ""), ((255, 0, 0), "stroke-dasharray:2 1")]);

    fn style(rgb: (u8, u8, u8)) -> BackendColor {
        BackendColor { alpha: 1.0, rgb }
    }

    struct Wide(BackendColor, u32);
    impl BackendStyle for Wide {
        fn color(&self) -> BackendColor {
            self.0
        }
        fn stroke_width(&self) -> u32 {
            self.1
        }
    }

    #[test]
    fn consecutive_lines_of_one_style_are_one_path_that_continues_where_it_ended() {
        let mut drawn = Drawn::default();
        let mut svg = CompactSvg::new((100, 100), &PALETTE, &mut drawn);
        let black = style((0, 0, 0));
        svg.draw_line((0, 10), (50, 10), &black).unwrap();
        svg.draw_line((50, 10), (50, 60), &black).unwrap();
        svg.draw_line((5, 5), (7, 9), &black).unwrap();
        svg.draw_line((0, 0), (9, 9), &Wide(style((255, 0, 0)), 2))
            .unwrap();
        drop(svg);
        let out = drawn.elements;
        assert_eq!(
            out,
            "<path class=\"s0\" d=\"M0 10h50v50m-45-55l2 4\"/><path class=\"s1 w2\" d=\"M0 0l9 9\"/>"
        );
    }

    #[test]
    fn filled_circles_are_round_dots_and_shapes_keep_their_order() {
        let mut drawn = Drawn::default();
        let mut svg = CompactSvg::new((100, 100), &PALETTE, &mut drawn);
        let red = style((255, 0, 0));
        svg.draw_circle((10, 20), 4, &red, true).unwrap();
        svg.draw_circle((30, 20), 4, &red, true).unwrap();
        svg.draw_rect((0, 0), (5, 5), &red, true).unwrap();
        svg.draw_circle((40, 20), 4, &red, true).unwrap();
        drop(svg);
        let (out, used) = (drawn.elements, drawn.used);
        assert_eq!(
            out,
            "<path class=\"s1 w8 r\" d=\"M10 20h0m20 0h0\"/><path class=\"f1\" d=\"M0 0h5v5h-5z\"/>\
             <path class=\"s1 w8 r\" d=\"M40 20h0\"/>"
        );
        let css = stylesheet(&PALETTE, ".oc", Some(used));
        assert_eq!(
            css,
            ".oc .s1{stroke:#ff0000;fill:none;stroke-dasharray:2 1}.oc .f1{fill:#ff0000}.oc .w8{stroke-width:8px}.oc .r{stroke-linecap:round}"
        );
    }

    #[test]
    fn polygons_of_either_orientation_are_written_clockwise() {
        let mut drawn = Drawn::default();
        let mut svg = CompactSvg::new((100, 100), &PALETTE, &mut drawn);
        let black = style((0, 0, 0));
        svg.fill_polygon([(0, 0), (0, 10), (10, 10)], &black)
            .unwrap();
        svg.fill_polygon([(0, 0), (10, 10), (0, 10)], &black)
            .unwrap();
        drop(svg);
        let out = drawn.elements;
        assert_eq!(
            out,
            "<path class=\"f0\" d=\"M10 10h-10v-10zm-10-10l10 10h-10z\"/>"
        );
    }

    #[test]
    fn colours_outside_the_palette_are_attributes() {
        let mut drawn = Drawn::default();
        let mut svg = CompactSvg::new((100, 100), &PALETTE, &mut drawn);
        let grey = BackendColor {
            alpha: 0.5,
            rgb: (1, 2, 3),
        };
        svg.draw_rect((0, 0), (1, 1), &grey, true).unwrap();
        drop(svg);
        let out = drawn.elements;
        assert_eq!(
            out,
            "<path fill=\"#010203\" opacity=\"0.5\" d=\"M0 0h1v1h-1z\"/>"
        );
    }

    #[test]
    fn path_data_is_relative_after_its_first_point_with_letters_only_where_they_change() {
        let mut d = PathData::default();
        d.move_to((100, 200));
        for p in [(110, 190), (120, 195), (130, 195), (130, 180)] {
            d.line_to(p);
        }
        d.move_to((100, 200));
        d.line_to((95, 205));
        assert_eq!(d.text, "M100 200l10-10 10 5h10v-15m-30 20l-5 5");
    }

    #[test]
    fn pixel_values_have_at_most_one_decimal() {
        assert_eq!(Px(12.0).to_string(), "12");
        assert_eq!(Px(12.94).to_string(), "12.9");
        assert_eq!(Px(-0.46).to_string(), "-0.5");
    }
}
