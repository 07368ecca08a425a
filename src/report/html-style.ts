/** The page's whole stylesheet, inlined: the report must open offline, from a mail attachment. */
export const HTML_STYLE = `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;color:#1d2330;margin:0;background:#f6f7f9}
main{max-width:960px;margin:0 auto;padding:24px}
h1{font-size:24px;margin:0 0 4px}h2{font-size:18px;margin:32px 0 8px;border-bottom:1px solid #d9dde3;padding-bottom:4px}
.sub{color:#5b6472;margin:0 0 16px}
.cards{display:flex;gap:12px;flex-wrap:wrap}
.card{background:#fff;border:1px solid #d9dde3;border-radius:6px;padding:10px 14px;min-width:120px}
.card b{display:block;font-size:22px}
.card.error b{color:#c0392b}.card.warning b{color:#b7791f}
table{border-collapse:collapse;background:#fff;width:100%;margin:8px 0}
th,td{border:1px solid #d9dde3;padding:4px 8px;text-align:left;vertical-align:top}
th{background:#eef0f3}td.n{text-align:right;font-variant-numeric:tabular-nums}
code{font:12px ui-monospace,Menlo,Consolas,monospace;background:#eef0f3;padding:1px 3px;border-radius:3px;overflow-wrap:anywhere}
td code{white-space:nowrap}
p.msg code{white-space:normal}
.sev{font-weight:600;text-transform:uppercase;font-size:12px}
.sev.error{color:#c0392b}.sev.warning{color:#b7791f}.sev.info{color:#2c7be5}
.open{color:#c0392b;font-size:12px}
.panel{background:#fff;border:1px solid #d9dde3;border-radius:6px;padding:8px;margin:8px 0;overflow-x:auto}
svg text{font:12px system-ui,sans-serif;fill:#1d2330}
svg .chart-title{font-weight:600;font-size:13px}
svg .tick,svg .legend{fill:#5b6472;font-size:11px}
svg .muted{fill:#8a93a0}
svg .grid{stroke:#eceef1}svg .axis{stroke:#8a93a0}
svg .life{stroke:#1d2330;stroke-width:2}
svg .end{font-weight:600}
svg .seg{stroke:#2c7be5;stroke-width:1.5}svg .head{fill:#2c7be5;stroke:none}
svg .seg.trouble{stroke:#d97706}svg .head.trouble{fill:#d97706}
svg .label{font:11px ui-monospace,Menlo,Consolas,monospace}svg .label.trouble{fill:#b45309}
svg .st{font:11px ui-monospace,Menlo,Consolas,monospace;fill:#5b6472}
svg .st.changed{font-weight:700;fill:#0f7b3f}
details{margin:8px 0}summary{cursor:pointer;font-weight:600}
.msg{margin:2px 0 0;color:#3a4250}
footer{color:#8a93a0;font-size:12px;margin-top:32px}
`;
