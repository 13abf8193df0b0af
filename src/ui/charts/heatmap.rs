//! A migration heat map: rows are the classes before, columns the classes after, each cell
//! shaded by how many customers made that move and labelled with the count. For a migration
//! the diagonal (no move) is outlined; a cross-tab of two different dimensions has none.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use web_sys::HtmlCanvasElement;

use super::{area, err, font};

/// `counts[i][j]`: customers in row class `i` before and column class `j` after.
pub fn draw(
    el: &HtmlCanvasElement,
    rows: &[String],
    cols: &[String],
    counts: &[Vec<usize>],
    corner: &str,
    // Rows and columns are the same classes, before and after: outline the diagonal.
    diagonal: bool,
) -> Result<(), String> {
    let (root, dpr) = area(el)?;
    let (w, h) = root.dim_in_pixel();
    let (w, h) = (w as f64, h as f64);
    let pad = 8.0 * dpr;
    let label_w = (w * 0.26).min(200.0 * dpr);
    let head_h = 34.0 * dpr;
    let (nr, nc) = (rows.len().max(1) as f64, cols.len().max(1) as f64);
    let cw = (w - label_w - 2.0 * pad) / nc;
    let ch = ((h - head_h - 2.0 * pad) / nr).min(48.0 * dpr);
    let max = counts.iter().flatten().copied().max().unwrap_or(0).max(1) as f64;
    let left = font(12.0, dpr)
        .color(&BLACK)
        .pos(Pos::new(HPos::Right, VPos::Center));
    let mid = |c: &RGBColor| {
        font(12.0, dpr)
            .color(c)
            .pos(Pos::new(HPos::Center, VPos::Center))
    };
    root.draw(&Text::new(
        corner.to_string(),
        ((label_w) as i32, (pad + head_h / 2.0) as i32),
        left.clone(),
    ))
    .map_err(err)?;
    for (j, c) in cols.iter().enumerate() {
        let x = label_w + pad + cw * (j as f64 + 0.5);
        root.draw(&Text::new(
            c.clone(),
            (x as i32, (pad + head_h / 2.0) as i32),
            mid(&BLACK),
        ))
        .map_err(err)?;
    }
    for (i, r) in rows.iter().enumerate() {
        let y0 = pad + head_h + ch * i as f64;
        root.draw(&Text::new(
            r.clone(),
            (label_w as i32, (y0 + ch / 2.0) as i32),
            left.clone(),
        ))
        .map_err(err)?;
        for (j, col) in cols.iter().enumerate() {
            let n = counts
                .get(i)
                .and_then(|row| row.get(j))
                .copied()
                .unwrap_or(0);
            let t = (n as f64 / max).sqrt();
            // White to Okabe–Ito blue.
            let mixc = |a: u8, b: u8| (a as f64 + (b as f64 - a as f64) * t).round() as u8;
            let fill = RGBColor(mixc(255, 0), mixc(255, 114), mixc(255, 178));
            let x0 = label_w + pad + cw * j as f64;
            let rect = [
                ((x0 + dpr) as i32, (y0 + dpr) as i32),
                ((x0 + cw - dpr) as i32, (y0 + ch - dpr) as i32),
            ];
            root.draw(&Rectangle::new(rect, fill.filled()))
                .map_err(err)?;
            if diagonal && i == j {
                root.draw(&Rectangle::new(
                    rect,
                    BLACK.stroke_width((1.5 * dpr) as u32),
                ))
                .map_err(err)?;
            }
            let ink = if t > 0.55 { WHITE } else { BLACK };
            root.draw(&Text::new(
                super::num(n as f64, 0),
                ((x0 + cw / 2.0) as i32, (y0 + ch / 2.0) as i32),
                mid(&ink),
            ))
            .map_err(err)?;
            super::hit(
                rect[0],
                rect[1],
                dpr,
                format!(
                    "{r} {} {}: {}",
                    if diagonal { "→" } else { "×" },
                    col,
                    super::num(n as f64, 0)
                ),
            );
        }
    }
    root.present().map_err(err)
}
