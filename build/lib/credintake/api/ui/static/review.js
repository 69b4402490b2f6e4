// Packet review: show a finding's / field's place on its page, j/k between findings.
// Boxes are in page points (origin top-left); the PNG route sends the page size in points
// (X-Page-Width) so the box scales to whatever size the image is drawn at.
(function () {
  "use strict";
  const root = document.getElementById("packet");
  if (!root) return;
  const pid = root.dataset.packet;
  const img = document.getElementById("page-img");
  const hl = document.getElementById("hl");
  const label = document.getElementById("viewer-label");
  const viewer = document.getElementById("viewer");
  const docRows = Array.from(document.querySelectorAll("tr.doc"));
  const findings = Array.from(document.querySelectorAll("li.finding"));
  let cur = {doc: null, page: null, bbox: null, width: null, url: null};
  let fi = -1;

  function pagesOf(doc) {
    const row = docRows.find(r => r.dataset.doc === String(doc));
    return row ? row.dataset.pages.split(",").filter(Boolean).map(Number) : [];
  }

  function place() {
    if (!cur.bbox || !cur.width || !img.naturalWidth) { hl.hidden = true; return; }
    const s = img.clientWidth / cur.width;
    const [x0, y0, x1, y1] = cur.bbox;
    hl.style.left = (img.offsetLeft + x0 * s - 3) + "px";
    hl.style.top = (img.offsetTop + y0 * s - 3) + "px";
    hl.style.width = ((x1 - x0) * s + 6) + "px";
    hl.style.height = ((y1 - y0) * s + 6) + "px";
    hl.hidden = false;
    const top = img.offsetTop + y0 * s - viewer.clientHeight / 3;
    viewer.scrollTo({top: Math.max(0, top), behavior: "smooth"});
  }

  async function show(doc, page, bbox) {
    const url = `/ui/packets/${encodeURIComponent(pid)}/documents/${doc}/pages/${page}.png`;
    cur.bbox = bbox; cur.doc = doc; cur.page = page;
    const row = docRows.find(r => r.dataset.doc === String(doc));
    label.textContent = `document ${doc}` + (row ? ` · ${row.children[1].firstChild.textContent.trim()}` : "") + ` · page ${page}`;
    docRows.forEach(r => r.classList.toggle("current", r === row));
    if (cur.url === url) { place(); return; }
    cur.url = url;
    hl.hidden = true;
    const resp = await fetch(url, {credentials: "same-origin"});
    if (!resp.ok) { img.removeAttribute("src"); img.alt = `page unavailable (${resp.status})`; return; }
    cur.width = parseFloat(resp.headers.get("X-Page-Width")) || null;
    const blob = await resp.blob();
    if (cur.url !== url) return;           // a later click won
    const old = img.src;
    img.onload = () => { place(); if (old && old.startsWith("blob:")) URL.revokeObjectURL(old); };
    img.src = URL.createObjectURL(blob);
  }

  function fromEl(el) {
    if (!el || el.dataset.doc === undefined) return false;
    const bbox = el.dataset.bbox ? el.dataset.bbox.split(",").map(Number) : null;
    show(Number(el.dataset.doc), Number(el.dataset.page), bbox);
    return true;
  }

  function select(i, focus) {
    if (!findings.length) return;
    fi = Math.max(0, Math.min(findings.length - 1, i));
    findings.forEach((f, k) => f.classList.toggle("selected", k === fi));
    const el = findings[fi];
    if (focus !== false) { el.focus({preventScroll: true}); el.scrollIntoView({block: "nearest", behavior: "smooth"}); }
    fromEl(el);
  }

  findings.forEach((f, k) => f.addEventListener("click", e => {
    if (e.target.closest("form, details, button, input, summary")) return;
    select(k, false);
  }));
  document.querySelectorAll("tr.cmp.clickable, tr.field, tr.doc").forEach(tr =>
    tr.addEventListener("click", e => {
      if (e.target.closest("form, details")) return;
      document.querySelectorAll("tr.selected").forEach(x => x.classList.remove("selected"));
      tr.classList.add("selected");
      fromEl(tr);
    }));
  document.addEventListener("keydown", e => {
    if (e.target.closest("input, textarea, select") || e.ctrlKey || e.metaKey || e.altKey) return;
    if (e.key === "j") { select(fi + 1); e.preventDefault(); }
    else if (e.key === "k") { select(fi - 1); e.preventDefault(); }
  });
  function step(d) {
    const pages = pagesOf(cur.doc);
    const i = pages.indexOf(cur.page);
    if (i < 0 || !pages[i + d]) return;
    show(cur.doc, pages[i + d], null);
  }
  document.getElementById("prev-page").addEventListener("click", () => step(-1));
  document.getElementById("next-page").addEventListener("click", () => step(1));
  window.addEventListener("resize", place);

  const toggle = document.getElementById("toggle-matches");
  if (toggle) toggle.addEventListener("click", () => {
    const body = document.getElementById("matches");
    body.hidden = !body.hidden;
    toggle.textContent = (body.hidden ? "Show" : "Hide") + ` the ${toggle.dataset.n} matching fields`;
  });

  const processing = document.getElementById("processing");
  if (processing) {                         // not processed yet: reload when it is
    const bar = processing.querySelector("progress");
    const poll = () => fetch(`/ui/packets/${encodeURIComponent(pid)}/status.json`,
                             {credentials: "same-origin"}).then(r => r.json()).then(s => {
      if (s.status === "done" || s.status === "failed") location.reload();
      else { bar.value = s.progress || 0; setTimeout(poll, 1500); }
    }).catch(() => setTimeout(poll, 3000));
    setTimeout(poll, 1500);
  }

  const hash = location.hash.slice(1);
  const target = hash && document.getElementById(hash);
  if (target && target.classList.contains("finding")) select(findings.indexOf(target));
  else if (target && target.dataset.doc !== undefined) { target.classList.add("selected"); target.scrollIntoView({block: "center"}); fromEl(target); }
  else if (findings.length && findings[0].dataset.doc !== undefined) select(0, false);
  else fromEl(viewer);
})();
