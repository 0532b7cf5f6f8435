"""Opens edge-atlas's explorer page (index.html) in headless Chromium and checks it.

Usage:
  explorer_check.py shipped PAGE SHOTS_DIR   the page of the shipped data: search, cards,
                                             permalinks, history, filters, tables, phone width
  explorer_check.py hostile PAGE SHOTS_DIR   a page of hostile names: every card and view is
                                             opened; no dialog, no injected element
  explorer_check.py synth PAGE SHOTS_DIR     the same, on synthetic data
Every run also asserts: no console error or warning, no request but the page itself.
Screenshots go to SHOTS_DIR. Prints what it checked; exits 1 on the first failure.
"""

import json
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cdp  # noqa: E402

failures = []


def check(cond, what):
    print(("ok   " if cond else "FAIL ") + what)
    if not cond:
        failures.append(what)


def node_names(b, expr):
    """Names of the nodes whose indices `expr` (page JavaScript) returns."""
    return b.eval(f"(() => {{ const D = JSON.parse(document.getElementById('atlas-data').textContent); return ({expr}).map(i => D.nodes[i].n); }})()")


def search_names(b, text):
    return node_names(b, f"edgeAtlasSearch({json.dumps(text)})")


def card_text(b):
    return b.eval("document.getElementById('card').innerText")


def go(b, hash_, settle=0.1):
    b.eval(f"location.hash = {json.dumps(hash_)}")
    b.wait(f"location.hash === {json.dumps(hash_)} && !document.querySelector('[data-view=entry]').hidden === {json.dumps(':' in hash_)}")
    b.pump(settle)


def shipped(b, url, shots):
    started = time.time()
    ready = int(b.open(url))
    print(f"interactive after {ready} ms (page's own clock), {time.time() - started:.2f} s wall")
    check(ready < 1000, f"the page is interactive in under 1 s ({ready} ms)")
    b.screenshot(f"{shots}/timeline.png")

    # Search, as a reader types it, then the keyboard.
    b.eval("document.getElementById('q').focus()")
    b.type("qwen 2.5")
    b.wait("!document.getElementById('results').hidden && document.querySelectorAll('#results li').length > 0")
    first = b.eval("document.querySelector('#results li').innerText")
    check(first.startswith("Qwen2.5"), f'searching "qwen 2.5" offers Qwen2.5 first (got {first!r})')
    b.screenshot(f"{shots}/search.png")
    b.key("Enter", "Enter", 13)
    b.wait("location.hash === '#model:qwen2-5'")
    text = card_text(b)
    check("Alibaba" in text, "the Qwen2.5 card shows Alibaba")
    check(b.eval("!!document.querySelector('#card a[href=\"#family:qwen\"]')"), "the Qwen2.5 card links to its family (Qwen Series)")
    check("Qwen Series" in text, "the Qwen2.5 card names its family")
    check("null" not in text and "undefined" not in text, "the card shows no null or undefined")
    check(b.eval("document.activeElement.id") == "card-title", "opening a card moves the focus to its title")
    b.screenshot(f"{shots}/card-qwen2-5.png", full=True)

    # The keyboard alone: "/" focuses search, arrows move through the offers, Escape closes
    # them, Tab goes on to the views.
    b.eval("document.activeElement.blur()")
    b.key("/", "Slash", 191)
    check(b.eval("document.activeElement.id") == "q", '"/" focuses the search box')
    b.type("llamacpp")
    b.wait("document.querySelectorAll('#results li').length > 0")
    b.key("ArrowDown", "ArrowDown", 40)
    check(b.eval("document.getElementById('q').getAttribute('aria-activedescendant')") is not None, "arrow keys move through the offers")
    b.key("Escape", "Escape", 27)
    check(b.eval("document.getElementById('results').hidden"), "Escape closes the offers")
    b.eval("document.getElementById('q').value = ''")
    b.key("Tab", "Tab", 9)
    check(b.eval("document.activeElement.textContent") == "Timeline", "Tab goes from the search box to the views")
    b.key("Enter", "Enter", 13)
    b.wait("location.hash === '#timeline'")
    check(True, "Enter on a view opens it")
    b.eval("history.back()")
    b.wait("location.hash === '#model:qwen2-5'")

    for typed, expect in [("llamacpp", "llama.cpp"), ("LLAMA.CPP", "llama.cpp"), ("Qwne2.5", "Qwen2.5"), ("powerinfer2", "PowerInfer-2"),
                          ("Fast Large Language Model Inference on a Smartphone", "PowerInfer-2")]:
        got = search_names(b, typed)
        check(expect in got[:5], f"searching {typed!r} offers {expect} (got {got[:5]})")
    missing = b.eval("""(() => { const D = JSON.parse(document.getElementById('atlas-data').textContent);
        return D.nodes.map((n, i) => [n.n, i]).filter(([n, i]) => !edgeAtlasSearch(n).includes(i)).map(([n]) => n); })()""")
    check(not missing, f"every entry is found by its own name ({len(missing)} not: {missing[:5]})")

    # Permalinks and history.
    go(b, "#paper:powerinfer-2")
    text = card_text(b)
    for technique in ["Quantization", "Double Buffering"]:
        check(technique in text, f"#paper:powerinfer-2 shows its technique {technique}")
    related = b.eval("[...document.querySelectorAll('ol.related > li > a')].map(a => a.getAttribute('href'))")
    check(len(related) == 10 and "#paper:mllm-npu" in related, f"its related entries are listed, mllm-NPU among them ({related[:3]}...)")
    check(b.eval("[...document.querySelectorAll('#card .links a')].every(a => /^https?:/.test(a.href))"), "its links are web links")
    check(b.eval("document.querySelectorAll('#graph svg a').length") > 3, "its neighbourhood graph is drawn with linked nodes")
    b.screenshot(f"{shots}/card-powerinfer-2.png", full=True)
    b.eval("document.querySelector('input[name=hops][value=\"2\"]').click()")
    b.pump(0.2)
    b.screenshot(f"{shots}/neighbourhood-2-hops.png", full=True)
    b.eval("history.back()")
    b.wait("location.hash === '#model:qwen2-5' && document.getElementById('card-title').textContent === 'Qwen2.5'")
    check(True, "back returns to the Qwen2.5 card")
    b.eval("history.forward()")
    b.wait("location.hash === '#paper:powerinfer-2' && document.getElementById('card-title').textContent === 'PowerInfer-2'")
    check(True, "forward returns to the PowerInfer-2 card")

    # The timeline's organisation filter.
    go(b, "#timeline")
    shown = "(() => Chart.getChart('timeline').data.datasets.flatMap(d => d.data.map(p => p.i)))()"
    before = b.eval(shown)
    alibaba = b.eval("[...document.querySelectorAll('#f-org option')].find(o => o.textContent === 'Alibaba').value")
    b.eval(f"(() => {{ const s = document.getElementById('f-org'); s.value = {json.dumps(alibaba)}; s.dispatchEvent(new Event('change')); }})()")
    after = b.eval(shown)
    by_alibaba = b.eval(f"""(() => {{ const D = JSON.parse(document.getElementById('atlas-data').textContent);
        const r = D.relations.findIndex(x => x[0] === 'released_by'); const out = new Set();
        for (let e = 0; e < D.edges.length; e += 3) if (D.edges[e + 1] === r && D.edges[e + 2] === {alibaba}) out.add(D.edges[e]);
        return [...out]; }})()""")
    check(0 < len(after) < len(before), f"the Alibaba filter leaves {len(after)} of {len(before)} dots")
    check(all(i in by_alibaba for i in after), "every dot left is an Alibaba release")
    drawn = b.eval("Chart.getChart('timeline').getSortedVisibleDatasetMetas().reduce((n, m) => n + m.data.length, 0)")
    check(drawn == len(after), f"the chart draws exactly those dots ({drawn})")
    b.screenshot(f"{shots}/timeline-alibaba.png")
    # Hover a dot: its tooltip; click it: its card.
    x, y, key = b.eval("""(() => { const c = Chart.getChart('timeline'), r = c.canvas.getBoundingClientRect();
        const D = JSON.parse(document.getElementById('atlas-data').textContent);
        const p = c.getDatasetMeta(0).data[0], i = c.data.datasets[0].data[0].i;
        return [r.left + p.x, r.top + p.y, D.kinds[D.nodes[i].k] + ':' + D.nodes[i].id]; })()""")
    b.mouse(x, y)
    b.pump(0.2)
    tip = b.eval("Chart.getChart('timeline').tooltip.getActiveElements().length")
    lines = b.eval("(Chart.getChart('timeline').tooltip.body || []).flatMap(x => x.lines).join(' | ')")
    check(tip > 0 and "organisation: Alibaba" in lines and "released: " in lines, f"hovering a dot shows its details ({lines[:80]})")
    b.screenshot(f"{shots}/timeline-hover.png")
    b.mouse(x, y, click=True)
    b.wait(f"location.hash === {json.dumps('#' + key)}")
    check(True, f"clicking a dot opens its card ({key})")
    go(b, "#timeline")
    b.eval("(() => { const s = document.getElementById('f-org'); s.value = ''; s.dispatchEvent(new Event('change')); document.getElementById('f-edge-no').click(); })()")
    check(len(b.eval(shown)) > len(before), "the not-edge-ready toggle adds releases")
    b.eval("document.getElementById('z-in').click()")
    zoomed = b.eval("(() => { const x = Chart.getChart('timeline').scales.x; return x.max - x.min; })()")
    b.eval("document.getElementById('z-reset').click()")
    full = b.eval("(() => { const x = Chart.getChart('timeline').scales.x; return x.max - x.min; })()")
    check(zoomed < full, f"zoom narrows the time axis ({zoomed:.1f} of {full:.1f} months)")

    # The map view: sigma.js draws every entry where the layout put it; a click opens its card.
    go(b, "#map")
    b.wait("window.edgeAtlasMap && edgeAtlasMap.getGraph().order > 0")
    b.pump(0.3)
    total = b.eval("JSON.parse(document.getElementById('atlas-data').textContent).nodes.length")
    order = b.eval("edgeAtlasMap.getGraph().order")
    check(order == total, f"the map view's graph has every entry ({order} of {total})")
    drawn = b.eval("""(() => { const r = edgeAtlasMap, { width, height } = r.getDimensions(); let k = 0;
        r.getGraph().forEachNode((n) => { if (!r.getNodeDisplayData(n)) return;
          const p = r.graphToViewport(r.getGraph().getNodeAttributes(n)); if (p.x >= 0 && p.y >= 0 && p.x <= width && p.y <= height) k++; });
        return k; })()""")
    check(drawn == total, f"the map view shows all {total} entries inside its canvas ({drawn})")
    # The drawing keeps the layout: further right in the layout is further right on the screen,
    # further up is further up.
    kept = b.eval("""(() => { const r = edgeAtlasMap, D = JSON.parse(document.getElementById('atlas-data').textContent);
        const at = D.nodes.map((n, i) => [n.x, n.y, r.graphToViewport(r.getGraph().getNodeAttributes(String(i)))]);
        const byX = at.slice().sort((a, b) => a[0] - b[0]), byY = at.slice().sort((a, b) => a[1] - b[1]);
        return byX.every((p, k) => k === 0 || p[2].x >= byX[k - 1][2].x - 1e-6) && byY.every((p, k) => k === 0 || p[2].y <= byY[k - 1][2].y + 1e-6); })()""")
    check(kept, "the map view draws the nodes in the layout's order on both axes")
    legend = b.eval("document.querySelectorAll('#map-legend li .swatch').length")
    check(legend > 0, f"the map view has a legend of its colours ({legend} entries)")
    b.screenshot(f"{shots}/map.png")
    # Click the entry farthest from its nearest neighbour on the screen, then the biggest hub,
    # each at a point of its disc that no other node covers (found once the map is shown: the
    # page may have scrolled).
    where = """const r = edgeAtlasMap, D = JSON.parse(document.getElementById('atlas-data').textContent), g = r.getGraph();
        const at = D.nodes.map((_, i) => [r.graphToViewport(g.getNodeAttributes(String(i))), r.getNodeDisplayData(String(i)).size]);"""
    nodes = b.eval(f"""(() => {{ {where}
        let lonely = -1, gap = -1;
        at.forEach(([a], i) => {{ const near = Math.min(...at.map(([b], j) => (i === j ? Infinity : Math.hypot(a.x - b.x, a.y - b.y)))); if (near > gap) {{ gap = near; lonely = i; }} }});
        const hub = +g.nodes().reduce((a, n) => (g.degree(n) > g.degree(a) ? n : a));
        return [lonely, hub].map((i) => [i, D.kinds[D.nodes[i].k] + ':' + D.nodes[i].id, D.nodes[i].n]); }})()""")
    for i, key, name in nodes:
        go(b, "#map")
        b.pump(0.3)
        point = b.eval(f"""(() => {{ {where}
            const box = document.getElementById('map').getBoundingClientRect(), [c, size] = at[{i}];
            for (let k = 0; k <= 10; k++) for (let a = 0; a < 16; a++) {{
              const x = c.x + 0.8 * size * (k / 10) * Math.cos(a * Math.PI / 8), y = c.y + 0.8 * size * (k / 10) * Math.sin(a * Math.PI / 8);
              if (at.every(([o, s], j) => j === {i} || Math.hypot(o.x - x, o.y - y) > s + 2)) return [box.left + x, box.top + y];
            }} return null; }})()""")
        check(point is not None, f"{key} has a point on the map no other node covers")
        if point is None:
            continue
        b.mouse(*point)
        b.pump(0.2)
        b.mouse(*point, click=True)
        b.wait(f"location.hash === {json.dumps('#' + key)} && !document.querySelector('[data-view=entry]').hidden")
        title = b.eval("document.getElementById('card-title').textContent")
        check(title == name, f"clicking {key} on the map opens its card ({title!r})")

    # Tables.
    go(b, "#papers")
    all_papers = b.eval("document.querySelectorAll('#p-table tbody tr').length")
    quant = b.eval("(() => { const D = JSON.parse(document.getElementById('atlas-data').textContent); return String(D.nodes.findIndex(n => D.kinds[n.k] === 'technique' && n.id === 'v-a-1-quantization')); })()")
    b.eval(f"(() => {{ const s = document.getElementById('p-section'); s.value = {json.dumps(quant)}; s.dispatchEvent(new Event('change')); }})()")
    some = b.eval("document.querySelectorAll('#p-table tbody tr').length")
    check(0 < some < all_papers, f"the Quantization section keeps {some} of {all_papers} papers")
    b.eval("[...document.querySelectorAll('#p-table th button')].find(x => x.textContent.startsWith('Date')).click()")
    dates = b.eval("[...document.querySelectorAll('#p-table tbody tr')].map(r => r.children[2].textContent).filter(Boolean)")
    check(dates == sorted(dates), "sorting by date orders the papers by date")
    b.screenshot(f"{shots}/papers.png")
    go(b, "#chips")
    check(b.eval("Chart.getChart('tops').data.datasets.length") > 3, "the chip TOPS chart has its product lines")
    check(b.eval("document.querySelectorAll('#c-table tbody tr').length") > 10, "the chip table lists the chips")
    b.screenshot(f"{shots}/chips.png", full=True)
    go(b, "#frameworks")
    check("llama.cpp" in b.eval("document.getElementById('fw-table').innerText"), "the framework table lists llama.cpp")
    b.screenshot(f"{shots}/frameworks.png")
    go(b, "#formats")
    check("GGUF" in b.eval("document.getElementById('fmt-table').innerText"), "the format table lists GGUF")
    b.screenshot(f"{shots}/formats.png")

    # Contrast (WCAG AA, 4.5:1 for text) of each kind of text on its background.
    go(b, "#paper:powerinfer-2")
    pairs = b.eval("""(() => {
        const bg = (e) => { for (; e; e = e.parentElement) { const c = getComputedStyle(e).backgroundColor; if (!/rgba\\(.*, 0\\)$|transparent/.test(c)) return c; } return 'rgb(255, 255, 255)'; };
        return ['body', 'p.hint', '.kind', '#card a', 'nav a[aria-current]', 'nav a:not([aria-current])', '.reason', 'dl.attrs dt', 'footer']
          .map(s => document.querySelector(s)).filter(Boolean).map(e => [e.tagName + '.' + e.className, getComputedStyle(e).color, bg(e)]); })()""")

    def luminance(css):
        r, g, b_ = [int(v) / 255 for v in css[css.index("(") + 1:css.index(")")].split(",")[:3]]
        lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in (r, g, b_)]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    for what, fg, bg in pairs:
        hi, lo = sorted([luminance(fg), luminance(bg)], reverse=True)
        ratio = (hi + 0.05) / (lo + 0.05)
        check(ratio >= 4.5, f"text contrast of {what}: {ratio:.1f}:1")

    # Phone width.
    b.viewport(390, 844, mobile=True)
    for view in ["#timeline", "#map", "#model:qwen2-5", "#papers"]:
        go(b, view)
        b.pump(0.2)
        width = b.eval("document.documentElement.scrollWidth")
        check(width <= 391, f"{view} fits a 390 px phone screen (page width {width})")
        b.screenshot(f"{shots}/phone-{view.strip('#').replace(':', '-')}.png")


def hostile(b, url, shots):
    b.open(url)
    # Entries with markup in their names first, then the rest, up to 120 cards.
    keys = b.eval("""(() => { const D = JSON.parse(document.getElementById('atlas-data').textContent);
        const key = (n) => D.kinds[n.k] + ':' + n.id;
        return D.nodes.filter(n => n.n.includes('<')).map(key).concat(D.nodes.filter(n => !n.n.includes('<')).map(key)).slice(0, 120); })()""")
    b.eval("document.getElementById('q').focus()")
    b.type("<img src=x")
    b.pump(0.4)
    b.screenshot(f"{shots}/hostile-search.png")
    for view in ["#map", "#papers", "#chips", "#frameworks", "#formats", "#timeline"]:
        go(b, view)
    for key in keys:
        go(b, "#" + key, settle=0.01)
    b.screenshot(f"{shots}/hostile-card.png", full=True)
    names = b.eval("(() => { const D = JSON.parse(document.getElementById('atlas-data').textContent); return D.nodes.map(n => n.n); })()")
    hostile_names = [n for n in names if "<" in n]
    check(bool(hostile_names), f"the data holds names with markup ({len(hostile_names)}, e.g. {hostile_names[:1]})")
    check(b.eval("document.querySelectorAll('img, iframe, object, embed, b, svg script, [onerror], [onload]').length") == 0, "no element of the data's markup exists in the page")
    check(b.eval("document.querySelectorAll('script').length") == b.eval("document.querySelectorAll('head script, body > script').length"), "no script element was injected")
    check(b.eval("window.pwned === undefined"), "no injected script ran")
    shown = b.eval("document.body.innerText")
    check(any(n in shown for n in hostile_names), "a hostile name shows as its characters")


def main():
    mode, page, shots = sys.argv[1], os.path.abspath(sys.argv[2]), sys.argv[3]
    b = cdp.Browser()
    try:
        url = "file://" + page
        {"shipped": shipped, "hostile": hostile, "synth": hostile}[mode](b, url, shots)
        b.pump(0.3)
        problems = b.console_problems()
        check(not problems, f"no console error or warning ({problems[:3]})")
        others = [u for u in b.requests() if u.split("#")[0] != url]
        check(not others, f"no request but the page itself ({others[:3]})")
        dialogs = b.dialogs()
        check(not dialogs, f"no dialog opened ({dialogs[:3]})")
    except Exception as e:  # a timeout or a protocol error is a failure with its message
        failures.append(repr(e))
        print("FAIL", repr(e))
    finally:
        b.close()
    print(f"{len(failures)} failure(s); size of the page: {os.path.getsize(page)} bytes")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
