// Bulk upload: each dropped .zip is one packet, loose files dropped together are one more;
// one POST per packet (bytes progress), then its status is polled until done or failed.
(function () {
  "use strict";
  const zone = document.getElementById("dropzone");
  if (!zone) return;
  const csrf = zone.dataset.csrf;
  const list = document.getElementById("uploads");
  const input = document.getElementById("file-input");

  function row(name) {
    const li = document.createElement("li");
    const title = document.createElement("span"); title.className = "u-name"; title.textContent = name;
    const bar = document.createElement("progress"); bar.max = 1; bar.value = 0;
    const state = document.createElement("span"); state.className = "u-state"; state.textContent = "uploading";
    li.append(title, bar, state);
    list.append(li);
    return {li, title, bar, state};
  }

  function count(n, word) { return `${n} ${word}${n === 1 ? "" : "s"}`; }

  function poll(r, id, url) {
    fetch(`/ui/packets/${encodeURIComponent(id)}/status.json`, {credentials: "same-origin"})
      .then(resp => resp.json()).then(s => {
        r.bar.value = s.status === "done" ? 1 : Math.max(0.05, s.progress || 0);
        r.state.textContent = s.status === "failed" ? "failed: " + (s.error || "") :
          s.status === "done" ? `done · ${count(s.errors, "error")} · ${count(s.warnings, "warning")}`
            : s.status;
        r.li.dataset.status = s.status;
        if (s.status === "done" || s.status === "failed") {
          const a = document.createElement("a"); a.href = url; a.textContent = r.title.textContent;
          r.title.replaceChildren(a);
          document.getElementById("uploads-done").hidden = false;
        } else setTimeout(() => poll(r, id, url), 1000);
      }).catch(() => setTimeout(() => poll(r, id, url), 2000));
  }

  function send(files, name) {
    const r = row(name);
    const fd = new FormData();
    files.forEach(f => fd.append("files", f, f.name));
    fd.append("csrf", csrf);
    const xhr = new XMLHttpRequest();
    xhr.open("POST", "/ui/upload");
    xhr.setRequestHeader("X-CSRF-Token", csrf);
    xhr.upload.onprogress = e => { if (e.lengthComputable) r.bar.value = 0.3 * e.loaded / e.total; };
    xhr.onload = () => {
      let body = {};
      try { body = JSON.parse(xhr.responseText); } catch (e) { /* not JSON */ }
      if (xhr.status === 202) {
        r.li.dataset.packet = body.packet_id;
        r.state.textContent = body.duplicate ? "already received" : "queued";
        poll(r, body.packet_id, body.url);
      } else {
        r.li.dataset.status = "refused";
        r.state.textContent = "refused: " + ((body.error && body.error.message) || xhr.status);
      }
    };
    xhr.onerror = () => { r.state.textContent = "upload failed (network)"; };
    xhr.send(fd);
  }

  function handle(fileList) {
    const files = Array.from(fileList);
    const zips = files.filter(f => f.name.toLowerCase().endsWith(".zip"));
    const loose = files.filter(f => !f.name.toLowerCase().endsWith(".zip"));
    zips.forEach(z => send([z], z.name));
    if (loose.length) send(loose, loose.length === 1 ? loose[0].name : `${loose.length} files`);
  }

  ["dragenter", "dragover"].forEach(t => zone.addEventListener(t, e => { e.preventDefault(); zone.classList.add("over"); }));
  ["dragleave", "drop"].forEach(t => zone.addEventListener(t, e => { e.preventDefault(); zone.classList.remove("over"); }));
  zone.addEventListener("drop", e => handle(e.dataTransfer.files));
  input.addEventListener("change", () => { handle(input.files); input.value = ""; });
})();
