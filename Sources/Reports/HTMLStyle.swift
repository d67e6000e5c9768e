/// The stylesheet every HTML report inlines: responsive, light and dark (prefers-color-scheme), no web fonts.
///
/// Chart text is sized in SVG user units: ``ChartText/fontSize`` on wide screens and ``ChartText/largestFontSize``
/// below 640 px, where charts are scaled down; chart layouts leave room for the larger size. Topic colors are the
/// classes `s0`…`s8` and `so` (other), which set `--c` for swatches, points, lines and bars.
public enum HTMLStyle {
    public static let css = """
        :root{color-scheme:light dark;--bg:#fff;--fg:#1f2328;--muted:#59636e;--faint:#8c959f;--border:#d1d9e0;\
        --panel:#f6f8fa;--link:#0969da;--new:#1a7f37;--new-bg:#dafbe1;--warn:#9a6700;--warn-bg:#fff8c5;\
        --bar:#4e79a7;--track:#eef1f4;--grid:#e8ebef;--c0:#4e79a7;--c1:#f28e2b;--c2:#e15759;--c3:#59a5a0;\
        --c4:#59a14f;--c5:#d4a72c;--c6:#b07aa1;--c7:#ff8a9a;--c8:#9c755f;--other:#a3abb3}
        @media (prefers-color-scheme:dark){:root{--bg:#0d1117;--fg:#e6edf3;--muted:#9198a1;--faint:#6e7681;\
        --border:#30363d;--panel:#161b22;--link:#58a6ff;--new:#3fb950;--new-bg:#12261e;--warn:#d29922;\
        --warn-bg:#272115;--bar:#6b9bd1;--track:#1c232c;--grid:#222a33;--c0:#6b9bd1;--c1:#f5a04f;--c2:#ef7072;\
        --c3:#7fc8c2;--c4:#76bd6b;--c5:#e6c350;--c6:#c99bc0;--c7:#ffadb8;--c8:#c29a82;--other:#5f6872}}
        *{box-sizing:border-box}
        html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
        body{margin:0;background:var(--bg);color:var(--fg);font:16px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,\
        "Noto Sans","Helvetica Neue",Arial,sans-serif;overflow-wrap:break-word}
        main{max-width:980px;margin:0 auto;padding:28px 20px 56px}
        h1{font-size:1.75rem;line-height:1.25;margin:.15em 0 .35em}
        h2{font-size:1.3rem;line-height:1.3;margin:2.2em 0 .7em;padding-bottom:.3em;border-bottom:1px solid var(--border)}
        h3{font-size:1.08rem;line-height:1.35;margin:1.6em 0 .5em}
        p{margin:.5em 0}
        a{color:var(--link);text-decoration:none}
        a:hover{text-decoration:underline}
        code{font:.86em ui-monospace,SFMono-Regular,Menlo,Consolas,"Liberation Mono",monospace;background:var(--panel);\
        border:1px solid var(--border);border-radius:4px;padding:0 .3em;overflow-wrap:anywhere}
        .kind{margin:0;color:var(--muted);font-size:.78rem;font-weight:600;letter-spacing:.08em;text-transform:uppercase}
        .lede{color:var(--muted);margin:.2em 0 1em}
        .muted{color:var(--muted)}
        .empty{color:var(--muted);font-style:italic}
        .provenance{border:1px solid var(--border);border-radius:8px;background:var(--panel);padding:12px 16px;\
        margin:16px 0;font-size:.9rem}
        .provenance h2{font-size:.78rem;text-transform:uppercase;letter-spacing:.08em;color:var(--muted);margin:0 0 8px;\
        padding:0;border:0}
        .facts{display:flex;flex-wrap:wrap;gap:8px 32px;margin:0}
        .facts div{min-width:0;max-width:100%}
        .facts dt{color:var(--muted);font-size:.78rem}
        .facts dd{margin:0;overflow-wrap:anywhere}
        .settings{margin:10px 0 0;padding:0;list-style:none;font-size:.86rem}
        .settings li{padding:3px 0;border-top:1px solid var(--border);overflow-wrap:anywhere}
        .settings b{font-weight:600;margin-right:.5em}
        .table-wrap{overflow-x:auto;-webkit-overflow-scrolling:touch;margin:12px 0}
        table{border-collapse:collapse;width:100%;font-size:.92rem}
        th,td{padding:6px 10px;border-bottom:1px solid var(--border);text-align:left;vertical-align:top}
        th{font-weight:600;color:var(--muted);font-size:.78rem;white-space:nowrap}
        .num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
        .stats{display:grid;grid-template-columns:repeat(auto-fit,minmax(130px,1fr));gap:12px;margin:12px 0}
        .stat{border:1px solid var(--border);border-radius:8px;padding:10px 14px}
        .stat b{display:block;font-size:1.6rem;line-height:1.2;font-variant-numeric:tabular-nums}
        .stat span{color:var(--muted);font-size:.85rem}
        .papers{list-style:none;padding:0;margin:0}
        .paper{border:1px solid var(--border);border-radius:8px;padding:12px 16px;margin:12px 0}
        .paper>.title{font-weight:600;font-size:1.03rem;line-height:1.4;margin:0}
        .rank{color:var(--muted);font-variant-numeric:tabular-nums;margin-right:.35em}
        .meta{color:var(--muted);font-size:.86rem;margin:.3em 0}
        .badge{display:inline-block;font-size:.72rem;font-weight:700;line-height:1.5;padding:0 .55em;border-radius:10px;\
        border:1px solid var(--border);color:var(--muted);vertical-align:.12em;margin-left:.3em;max-width:100%;\
        overflow-wrap:anywhere}
        .badge.new{color:var(--new);background:var(--new-bg);border-color:transparent}
        .badge.score{color:var(--fg)}
        .why{margin:.5em 0}
        .sub{font-size:.8rem;font-weight:600;color:var(--muted);margin:.7em 0 .2em}
        .related{margin:.2em 0 0;padding-left:1.25em;font-size:.9rem}
        .related li{margin:.3em 0}
        .terms{display:flex;flex-wrap:wrap;gap:4px;margin:.3em 0;padding:0;list-style:none}
        .terms li{background:var(--panel);border:1px solid var(--border);border-radius:4px;padding:0 .45em;font-size:.8rem}
        .chart{margin:12px 0 4px}
        .chart svg{display:block;width:100%;height:auto;max-width:720px}
        .chart svg.bars{max-width:600px}
        details{margin:8px 0}
        summary{cursor:pointer;color:var(--muted);font-size:.9rem}
        .chart text{fill:var(--muted);font-size:13px}
        .chart .axis-label,.chart .marker text{fill:var(--fg)}
        .chart .grid line{stroke:var(--grid);stroke-width:1}
        .chart .axis{fill:none;stroke:var(--faint);stroke-width:1}
        .chart .note{font-style:italic}
        .pts circle{fill:var(--c);fill-opacity:.78}
        .line{fill:none;stroke:var(--c);stroke-width:2.5;stroke-linejoin:round;stroke-linecap:round}
        .dot,rect.bar{fill:var(--c,var(--bar))}
        .bars text{fill:var(--fg)}
        .bars .value{fill:var(--muted);font-variant-numeric:tabular-nums}
        .bars .track{fill:var(--track)}
        .marker line{stroke:var(--fg);stroke-dasharray:4 4;stroke-width:1.5}
        .spark{width:120px;height:28px;vertical-align:middle}
        .spark polyline{fill:none;stroke:var(--link);stroke-width:1.75;stroke-linejoin:round}
        .spark circle{fill:var(--link)}
        .legend{list-style:none;padding:0;margin:8px 0 4px;display:flex;flex-wrap:wrap;gap:4px 18px;font-size:.86rem}
        .legend li{display:flex;align-items:baseline;gap:6px;min-width:0}
        .swatch{width:12px;height:12px;border-radius:3px;background:var(--c);flex:none;align-self:center}
        .s0{--c:var(--c0)}.s1{--c:var(--c1)}.s2{--c:var(--c2)}.s3{--c:var(--c3)}.s4{--c:var(--c4)}\
        .s5{--c:var(--c5)}.s6{--c:var(--c6)}.s7{--c:var(--c7)}.s8{--c:var(--c8)}.so{--c:var(--other)}
        .topic{border:1px solid var(--border);border-radius:8px;padding:12px 16px;margin:12px 0}
        .topic h3{margin:0}
        .warnings{border-left:4px solid var(--warn);background:var(--warn-bg);padding:8px 16px 8px 32px;\
        border-radius:0 8px 8px 0}
        .check{border:1px solid var(--border);border-radius:8px;background:var(--panel);padding:12px 16px}
        .check b{font-size:1.3rem}
        @media (max-width:640px){main{padding:16px 12px 40px}h1{font-size:1.4rem}h2{font-size:1.15rem}\
        .chart text{font-size:20px}.paper,.topic{padding:10px 12px}th,td{padding:5px 8px}.stat b{font-size:1.35rem}\
        table.reflow thead{display:none}\
        table.reflow,table.reflow tbody,table.reflow tr,table.reflow td{display:block;width:100%}\
        table.reflow tr{border:1px solid var(--border);border-radius:8px;padding:6px 12px;margin:0 0 8px}\
        table.reflow td{display:flex;justify-content:space-between;align-items:baseline;gap:16px;border:0;padding:3px 0;\
        text-align:right;white-space:normal}\
        table.reflow td::before{content:attr(data-label);flex:none;color:var(--muted);font-size:.78rem;text-align:left}\
        table.reflow td:empty{display:none}}
        """
}
