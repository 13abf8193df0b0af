//! Browser-only code, tested in headless Chromium with wasm-bindgen-test:
//! `CHROMEDRIVER=/usr/bin/chromedriver cargo test -p tierwise --target wasm32-unknown-unknown --test web`
#![cfg(target_arch = "wasm32")]

use tierwise::core::classify::abc;
use tierwise::core::i18n::Lang;
use tierwise::core::import::{import_csv, join};
use tierwise::core::Settings;
use tierwise::storage::prefs;
use tierwise::ui::charts::pareto as pareto_chart;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn local_storage() -> web_sys::Storage {
    web_sys::window().unwrap().local_storage().unwrap().unwrap()
}

#[wasm_bindgen_test]
fn settings_round_trip_through_local_storage() {
    let mut s = Settings::default();
    s.abc.a_pct = 70.0;
    s.tiers.vip_pct = 8.0;
    prefs::save_settings(&s).unwrap();
    let raw = local_storage()
        .get_item(prefs::SETTINGS_KEY)
        .unwrap()
        .unwrap();
    assert!(raw.contains("\"a_pct\":70"), "stored JSON: {raw}");
    assert_eq!(prefs::load_settings(), s);
}

#[wasm_bindgen_test]
fn garbage_or_out_of_range_settings_are_repaired_on_load() {
    local_storage()
        .set_item(prefs::SETTINGS_KEY, "{not json")
        .unwrap();
    assert_eq!(prefs::load_settings(), Settings::default());
    local_storage()
        .set_item(prefs::SETTINGS_KEY, r#"{"abc":{"a_pct":95,"b_pct":40}}"#)
        .unwrap();
    let s = prefs::load_settings();
    assert_eq!((s.abc.a_pct, s.abc.b_pct), (95.0, 5.0));
}

#[wasm_bindgen_test]
fn language_is_remembered() {
    prefs::save_lang(Lang::Es).unwrap();
    assert_eq!(prefs::load_lang(), Lang::Es);
    prefs::save_lang(Lang::ZhCn).unwrap();
    assert_eq!(prefs::load_lang(), Lang::ZhCn);
}

/// The importer's plain-line splitter scans 16 bytes at a time here (WASM SIMD, which
/// `.cargo/config.toml` turns on); natively it goes a byte at a time. Both must give what
/// csv-core gives: a log whose quotes, CRs, blank lines, wide and bad bytes fall at every
/// offset of a vector, streamed in chunks of several sizes.
#[wasm_bindgen_test]
fn plain_lines_split_by_simd_import_as_csv_core_does() {
    use tierwise::core::import::{ImportOptions, StreamImporter};
    const { assert!(cfg!(target_feature = "simd128"), "built without simd128") };
    let mut x: u64 = 0x2545_F491_4F6C_DD1D;
    let mut next = move |n: u64| {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x % n
    };
    let mut text = b"Customer,Name,Date,Amount,Product\n".to_vec();
    for i in 0..6000 {
        let name = match next(40) {
            0 => "\"Quoted, name\"".to_string(),
            1 => "\"Two\nlines\"".to_string(),
            2 => "客户 Ñandú".to_string(),
            3 => "bad \u{FFFD}".to_string(),
            k => "n".repeat(k as usize % 23),
        };
        let end = match next(30) {
            0 => "\r\n",
            1 => "\n\n",
            2 => "\n  ,,\n",
            _ => "\n",
        };
        let line = format!(
            "C{},{name},2024-0{}-{:02},{}.{:02},P{}{end}",
            next(500),
            1 + next(9),
            1 + next(28),
            next(9000),
            next(100),
            i % 7
        );
        text.extend_from_slice(line.as_bytes());
        if next(400) == 0 {
            text.extend_from_slice(b"C1,\xff\xfe,2024-01-01,5,P1\nC2,lone\rcr,2024-01-01,5,P1\n");
        }
    }
    let import = |size: usize, plain: bool| {
        let mut s = StreamImporter::new("log.csv", ImportOptions::default());
        if !plain {
            s = s.csv_core_only();
        }
        for piece in text.chunks(size) {
            s.push(piece);
        }
        s.finish().unwrap()
    };
    let want = import(text.len(), false);
    assert!(want.report.rows_read > 5000 && want.report.rows_rejected() > 0);
    for size in [1, 13, 4093, 70_000, text.len()] {
        assert!(import(size, true) == want, "chunks of {size}");
    }
}

/// Draws the sample's Pareto chart into a real canvas and reads pixels back: the backing store
/// follows the CSS box × devicePixelRatio, and the curve and bands are painted.
#[wasm_bindgen_test]
fn pareto_chart_paints_the_canvas() {
    let doc = web_sys::window().unwrap().document().unwrap();
    let canvas: web_sys::HtmlCanvasElement =
        doc.create_element("canvas").unwrap().dyn_into().unwrap();
    canvas
        .set_attribute("style", "width: 600px; height: 300px; display: block")
        .unwrap();
    doc.body().unwrap().append_child(&canvas).unwrap();

    let log = import_csv("orders.csv", tierwise::ui::sample::ORDERS_CSV.as_bytes()).unwrap();
    let (ds, _) = join::join(None, Some(&log));
    let r = abc::classify(&ds, &Settings::default().abc);
    pareto_chart::draw(&canvas, &r, Lang::En).unwrap();

    let dpr = web_sys::window().unwrap().device_pixel_ratio().max(1.0);
    assert_eq!(canvas.width(), (600.0 * dpr).round() as u32);
    assert_eq!(canvas.height(), (300.0 * dpr).round() as u32);

    let ctx = context_2d(&canvas);
    let data = ctx
        .get_image_data(0.0, 0.0, canvas.width() as f64, canvas.height() as f64)
        .unwrap()
        .data();
    let (mut dark, mut tinted) = (0usize, 0usize);
    for px in data.chunks_exact(4) {
        let (r, g, b) = (px[0] as i32, px[1] as i32, px[2] as i32);
        if r < 60 && g < 60 && b < 60 {
            dark += 1; // the curve, axes and labels
        } else if b > r + 8 && b < 255 {
            tinted += 1; // the light blue A band
        }
    }
    assert!(dark > 500, "dark pixels: {dark}");
    assert!(tinted > 5_000, "A-band pixels: {tinted}");
    canvas.remove();
}

fn test_canvas(w: u32, h: u32) -> web_sys::HtmlCanvasElement {
    let doc = web_sys::window().unwrap().document().unwrap();
    let canvas: web_sys::HtmlCanvasElement =
        doc.create_element("canvas").unwrap().dyn_into().unwrap();
    canvas
        .set_attribute(
            "style",
            &format!("width: {w}px; height: {h}px; display: block"),
        )
        .unwrap();
    doc.body().unwrap().append_child(&canvas).unwrap();
    canvas
}

fn context_2d(canvas: &web_sys::HtmlCanvasElement) -> web_sys::CanvasRenderingContext2d {
    canvas
        .get_context("2d")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap()
}

/// The canvas pixel (in CSS pixels) as RGB.
fn pixel(canvas: &web_sys::HtmlCanvasElement, x: f64, y: f64) -> (u8, u8, u8) {
    let dpr = web_sys::window().unwrap().device_pixel_ratio().max(1.0);
    let ctx = context_2d(canvas);
    let d = ctx
        .get_image_data((x * dpr).round(), (y * dpr).round(), 1.0, 1.0)
        .unwrap()
        .data();
    (d[0], d[1], d[2])
}

/// Two bars, the second twice the first: the first bar's colour stops about halfway along the
/// track, where the second one's goes on.
#[wasm_bindgen_test]
fn bars_are_drawn_to_scale() {
    use tierwise::ui::charts::{bars, PALETTE};
    let canvas = test_canvas(600, 200);
    let bar = |v: f64, k: usize| bars::Bar {
        label: format!("class {k}"),
        value: v,
        color: PALETTE[k],
        note: v.to_string(),
        marker: None,
    };
    bars::draw(&canvas, &[bar(50.0, 0), bar(100.0, 1)]).unwrap();
    // Layout (CSS px): label column min(600 × 0.32, 220) = 192, pad 8, so the track runs from
    // x = 200 to 600 − 110 = 490; rows are min((200 − 16) / 2, 44) = 44 high from y = 8.
    let (x0, x1) = (200.0, 490.0);
    let (y1, y2) = (8.0 + 22.0, 8.0 + 44.0 + 22.0);
    let blue = (0, 114, 178);
    let orange = (230, 159, 0);
    assert_eq!(pixel(&canvas, x0 + 0.25 * (x1 - x0), y1), blue);
    assert_ne!(pixel(&canvas, x0 + 0.75 * (x1 - x0), y1), blue);
    assert_eq!(pixel(&canvas, x0 + 0.75 * (x1 - x0), y2), orange);
    canvas.remove();
}

/// A 2 × 2 migration matrix: the fullest cell is the darkest blue, an empty cell is white.
#[wasm_bindgen_test]
fn heat_map_shades_by_count() {
    use tierwise::ui::charts::heatmap;
    let canvas = test_canvas(400, 200);
    let names = vec!["A".to_string(), "B".to_string()];
    heatmap::draw(&canvas, &names, &names, &[vec![9, 0], vec![1, 4]], "", true).unwrap();
    // Label column min(400 × 0.26, 200) = 104, pad 8, header 34: cells are (400 − 104 − 16) / 2
    // = 140 wide and min((200 − 34 − 16) / 2, 48) = 48 high, starting at x = 112, y = 42.
    // Sample away from the centred count text.
    let at = |i: f64, j: f64| pixel(&canvas, 112.0 + 140.0 * j + 10.0, 42.0 + 48.0 * i + 8.0);
    assert_eq!(at(0.0, 0.0), (0, 114, 178), "9 of max 9: full blue");
    assert_eq!(at(0.0, 1.0), (255, 255, 255), "0: white");
    let (r, _, _) = at(1.0, 1.0);
    assert!(r > 0 && r < 255, "4 of 9: in between, got r = {r}");
    // The diagonal is outlined for a migration (same classes before and after), not for a
    // cross-tab of two dimensions: the left edge of cell (0, 0).
    let edge = || pixel(&canvas, 113.0, 42.0 + 24.0);
    let (_, g, b) = edge();
    assert!(
        g < 100 && b < 160,
        "a migration outlines the diagonal: {:?}",
        edge()
    );
    heatmap::draw(
        &canvas,
        &names,
        &names,
        &[vec![9, 0], vec![1, 4]],
        "",
        false,
    )
    .unwrap();
    assert_eq!(edge(), (0, 114, 178), "a cross-tab does not");
    canvas.remove();
}

// ---- Workspaces in IndexedDB -------------------------------------------------------------

mod workspaces_idb {
    use tierwise::core::classify::five_s::CoordinationNote;
    use tierwise::core::import::{import_csv, ImportOptions};
    use tierwise::core::workspace::{self as ws, SourceRef, State};
    use tierwise::storage::db::{self, JsBytes, StoreError, Write};
    use tierwise::storage::workspaces::{self, Meta, Parts, Which};
    use wasm_bindgen::JsValue;
    use wasm_bindgen_test::*;

    fn meta(id: &str, name: &str, rev: u64) -> Meta {
        Meta {
            id: id.into(),
            name: name.into(),
            updated_ms: 1.0,
            rev,
        }
    }

    fn state(name: &str, a_pct: f64) -> State {
        let mut s = State::new(name);
        s.settings.abc.a_pct = a_pct;
        s.set_note(CoordinationNote {
            customer_id: "A".into(),
            problem: "late".into(),
            help: "call".into(),
        });
        s
    }

    #[wasm_bindgen_test]
    fn a_save_written_in_pieces_into_javascript_memory_is_the_whole_blob() {
        // Enough customers for several pieces.
        let mut csv = String::from("customer,sales,owner\n");
        for i in 0..20_000 {
            csv.push_str(&format!("C{i:05},{},Rep {}\n", i * 3 % 1000, i % 7));
        }
        let imp = import_csv("c.csv", csv.as_bytes()).unwrap();
        let opts = ImportOptions::default();
        let src = || {
            Some(SourceRef {
                imported: &imp,
                options: &opts,
            })
        };
        let whole = ws::encode_data(src(), None, false);
        assert!(whole.len() > 3 * ws::PIECE);
        let mut js = JsBytes::default();
        ws::encode_data_in_pieces(src(), None, false, &mut js);
        assert_eq!(js.len(), whole.len());
        let back = js.to_vec();
        assert!(back == whole, "the bytes in JavaScript differ");
    }

    #[wasm_bindgen_test]
    async fn a_workspace_round_trips_through_indexeddb() {
        let imp = import_csv("c.csv", b"customer,sales\nA,10\nB,5\n").unwrap();
        let opts = ImportOptions::default();
        let data = ws::encode_data(
            Some(SourceRef {
                imported: &imp,
                options: &opts,
            }),
            None,
            false,
        );
        let s = state("Round trip", 70.0);
        let parts = Parts {
            data: Some(data.into()),
            state: Some(ws::encode_state(&s).into()),
            reviews: Some(ws::encode_reviews(&[]).into()),
        };
        let m = meta("t-round", "Round trip", 1);
        workspaces::save(&m, &parts).await.unwrap();
        assert!(workspaces::list().await.unwrap().contains(&m));
        let back = workspaces::load("t-round", Which::ALL).await.unwrap();
        assert_eq!(back.state.unwrap(), s);
        let d = back.data.unwrap();
        assert_eq!(d.master.unwrap().imported, imp);
        assert!(d.log.is_none());
        assert_eq!(back.reviews.unwrap(), vec![]);
        // Only the state asked for.
        let only = workspaces::load("t-round", Which::STATE).await.unwrap();
        assert!(only.data.is_none() && only.reviews.is_none() && only.state.is_some());
        workspaces::delete("t-round").await.unwrap();
        assert!(!workspaces::list()
            .await
            .unwrap()
            .iter()
            .any(|x| x.id == "t-round"));
        let gone = workspaces::load("t-round", Which::ALL).await.unwrap();
        assert!(gone.data.is_none() && gone.state.is_none() && gone.reviews.is_none());
    }

    /// A data part past the piece size (Chromium refuses one IndexedDB value over about 133
    /// MB; the app's pieces are 64 MiB, here a few KB) is stored in pieces and reads back
    /// whole; a smaller one saved after it is whole again, its old pieces gone.
    #[wasm_bindgen_test]
    async fn a_large_data_part_is_stored_in_pieces() {
        let mut csv = String::from("customer,sales\n");
        for i in 0..2_000 {
            csv.push_str(&format!("C{i:04},{}\n", i % 97));
        }
        let big = import_csv("big.csv", csv.as_bytes()).unwrap();
        let small = import_csv("s.csv", b"customer,sales\nA,10\n").unwrap();
        let opts = ImportOptions::default();
        let encode = |imp| {
            ws::encode_data(
                Some(SourceRef {
                    imported: imp,
                    options: &opts,
                }),
                None,
                false,
            )
        };
        let data = encode(&big);
        let piece = 4096;
        assert!(data.len() > 5 * piece, "{} bytes", data.len());
        let m = meta("t-pieces", "Pieces", 1);
        let parts = |d: Vec<u8>| Parts {
            data: Some(d.into()),
            state: None,
            reviews: None,
        };
        workspaces::save_in_pieces_of(&m, &parts(data.clone()), piece)
            .await
            .unwrap();
        let count_pieces = || async {
            let db = db::open().await.unwrap();
            let mut n = 0;
            for k in 0..40 {
                if db::read(&db, db::DATA, &format!("t-pieces#{k}"))
                    .await
                    .unwrap()
                    .is_some()
                {
                    n += 1;
                }
            }
            db.close();
            n
        };
        assert_eq!(count_pieces().await, data.len().div_ceil(piece));
        let back = workspaces::load("t-pieces", Which::DATA).await.unwrap();
        assert_eq!(back.data.unwrap().master.unwrap().imported, big);
        // Smaller, saved whole: read back, and no piece left behind.
        workspaces::save(&m, &parts(encode(&small))).await.unwrap();
        assert_eq!(count_pieces().await, 0);
        let back = workspaces::load("t-pieces", Which::DATA).await.unwrap();
        assert_eq!(back.data.unwrap().master.unwrap().imported, small);
        // In pieces again, then deleted: the pieces go with it.
        workspaces::save_in_pieces_of(&m, &parts(data), piece)
            .await
            .unwrap();
        workspaces::delete("t-pieces").await.unwrap();
        assert_eq!(count_pieces().await, 0);
        assert!(workspaces::load("t-pieces", Which::DATA)
            .await
            .unwrap()
            .data
            .is_none());
    }

    #[wasm_bindgen_test]
    async fn a_failed_transaction_leaves_the_old_state_whole() {
        let old = state("Before", 60.0);
        workspaces::save(
            &meta("t-tx", "Before", 1),
            &Parts {
                state: Some(ws::encode_state(&old).into()),
                ..Default::default()
            },
        )
        .await
        .unwrap();
        // A new state and a new list entry, then a value IndexedDB cannot store (a function):
        // the whole transaction is refused, the first two writes included.
        let new = state("After", 90.0);
        let db = db::open().await.unwrap();
        let f = js_sys::Function::new_no_args("return 1");
        let r = db::write(
            &db,
            vec![
                Write::bytes(db::STATE, "t-tx", &ws::encode_state(&new)),
                Write {
                    store: db::META,
                    key: "t-tx".into(),
                    value: Some(JsValue::from_str("{}")),
                },
                Write {
                    store: db::REVIEWS,
                    key: "t-tx".into(),
                    value: Some(f.into()),
                },
            ],
        )
        .await;
        db.close();
        assert!(matches!(r, Err(StoreError::Aborted(_))), "{r:?}");
        let back = workspaces::load("t-tx", Which::ALL).await.unwrap();
        assert_eq!(back.state.unwrap(), old);
        let listed = workspaces::list().await.unwrap();
        assert_eq!(
            listed
                .iter()
                .find(|m| m.id == "t-tx")
                .map(|m| m.name.as_str()),
            Some("Before")
        );
        workspaces::delete("t-tx").await.unwrap();
    }

    #[wasm_bindgen_test]
    async fn a_damaged_part_is_reported_and_left_untouched() {
        let mut bytes = ws::encode_state(&state("Damaged", 50.0));
        let last = bytes.len() - 1;
        bytes[last] ^= 0xff;
        let db = db::open().await.unwrap();
        db::write(&db, vec![Write::bytes(db::STATE, "t-bad", &bytes)])
            .await
            .unwrap();
        let r = workspaces::load("t-bad", Which::STATE).await;
        match r {
            Err(StoreError::Damaged(m)) => assert!(m.contains("checksum"), "{m}"),
            other => panic!("{other:?}"),
        }
        let kept = db::read_bytes(&db, db::STATE, "t-bad").await.unwrap();
        assert_eq!(kept, Some(bytes));
        db::write(&db, vec![Write::delete(db::STATE, "t-bad")])
            .await
            .unwrap();
        db.close();
    }
}

#[wasm_bindgen_test]
fn last_workspace_and_view_are_remembered_and_cleared() {
    prefs::save_workspace_id("ws-1").unwrap();
    prefs::save_last_view("abc").unwrap();
    assert_eq!(prefs::load_workspace_id().as_deref(), Some("ws-1"));
    assert_eq!(prefs::load_last_view().as_deref(), Some("abc"));
    prefs::clear_all();
    assert_eq!(prefs::load_workspace_id(), None);
    assert_eq!(prefs::load_last_view(), None);
}

/// `public/read-worker.js` and its page side, `ui::read_worker`, in this browser: the worker is
/// loaded from a blob URL of the script itself (the test runner does not serve `public/`).
mod read_worker {
    use tierwise::ui::read_worker::{ReadWorker, ReadWorkerError};
    use wasm_bindgen::JsValue;
    use wasm_bindgen_test::*;

    fn blob_url(text: &str, mime: &str) -> String {
        let parts = js_sys::Array::of1(&JsValue::from_str(text));
        let bag = web_sys::BlobPropertyBag::new();
        bag.set_type(mime);
        let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &bag).unwrap();
        web_sys::Url::create_object_url_with_blob(&blob).unwrap()
    }

    fn worker() -> ReadWorker {
        let script = include_str!("../public/read-worker.js");
        ReadWorker::spawn_script(&blob_url(script, "text/javascript")).unwrap()
    }

    /// 1,000 bytes, each its index mod 251, as a `File`.
    fn file() -> (Vec<u8>, web_sys::File) {
        let bytes: Vec<u8> = (0..1000u32).map(|k| (k % 251) as u8).collect();
        let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(&bytes[..]));
        let file = web_sys::File::new_with_u8_array_sequence(&parts, "t.csv").unwrap();
        (bytes, file)
    }

    /// The slices given out until `until` bytes, checked to follow one another from `from`.
    async fn take(w: &ReadWorker, from: f64, until: f64) -> Vec<u8> {
        let mut out = Vec::new();
        let mut at = from;
        while at < until {
            let s = w.next().await.expect("a slice");
            assert_eq!(s.at, at, "slices follow one another");
            assert_eq!(s.end - s.at, s.bytes.length() as f64);
            out.extend(s.bytes.to_vec());
            at = s.end;
        }
        out
    }

    #[wasm_bindgen_test]
    async fn reads_a_file_in_order_from_a_small_first_slice_doubling() {
        let (bytes, file) = file();
        let w = worker();
        w.start(&file, 0.0, 1000.0, (10.0, 300.0), 2).unwrap();
        // Slices of 10, 20, 40, 80, 160, 300, 300 and the last 90 bytes.
        let mut ends = Vec::new();
        let mut got = Vec::new();
        while ends.last() != Some(&1000.0) {
            let s = w.next().await.unwrap();
            assert_eq!(s.at, ends.last().copied().unwrap_or(0.0));
            ends.push(s.end);
            got.extend(s.bytes.to_vec());
        }
        assert_eq!(ends, [10.0, 30.0, 70.0, 150.0, 310.0, 610.0, 910.0, 1000.0]);
        assert_eq!(got, bytes);
        assert!(!w.failed());
    }

    #[wasm_bindgen_test]
    async fn stops_where_told_and_starts_again_elsewhere() {
        let (bytes, file) = file();
        let w = worker();
        // Slices of 100 from 0, told to stop at 250 after the first.
        w.start(&file, 0.0, 1000.0, (100.0, 100.0), 1).unwrap();
        let first = w.next().await.unwrap();
        w.stop_at(250.0).unwrap();
        let mut got = first.bytes.to_vec();
        got.extend(take(&w, 100.0, 250.0).await);
        assert_eq!(&got[..], &bytes[..250]);
        // A new reading (as after a cancelled import): nothing of the first one comes out.
        w.cancel();
        w.start(&file, 700.0, 1000.0, (50.0, 200.0), 2).unwrap();
        assert_eq!(&take(&w, 700.0, 1000.0).await[..], &bytes[700..]);
    }

    #[wasm_bindgen_test]
    async fn a_worker_whose_script_does_not_load_says_so() {
        let (_, file) = file();
        // Not JavaScript: the script fails, and the worker with it.
        let w = ReadWorker::spawn_script(&blob_url("this is not ( javascript", "text/javascript"))
            .unwrap();
        w.start(&file, 0.0, 1000.0, (100.0, 100.0), 2).unwrap();
        assert!(matches!(w.next().await, Err(ReadWorkerError::Failed)));
        assert!(w.failed());
    }
}
