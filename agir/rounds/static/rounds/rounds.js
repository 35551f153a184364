/* The caretaker's phone, offline: a queue in IndexedDB, sent when the network is there.
 *
 * Every form marked data-queue becomes an item with a UUID made here, kept in IndexedDB until
 * the server has answered for it (POST /api/rounds/sync); an item whose answer never came is
 * sent again, and the server answers «already_had» without doing it twice. The service worker
 * (sw.js) keeps the pages and the sector's data; this script fetches them ahead of time, draws
 * the new-request steps from that data when the page comes from the cache, and clears it all
 * when the caretaker signs out. Without JavaScript the forms post as usual.
 */
(() => {
  "use strict";
  const cfg = document.currentScript.dataset;
  const STORES = ["queue", "sent", "refused"];
  const SECTOR_CACHE = "agir-sector";
  const PRIME_EVERY_MS = 10 * 60 * 1000;
  const CHUNK_BYTES = 4 * 1024 * 1024;
  const CHUNK_ITEMS = 100;
  const $ = (selector, root = document) => root.querySelector(selector);
  const $$ = (selector, root = document) => Array.from(root.querySelectorAll(selector));
  const esc = (text) => String(text ?? "").replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

  // --- IndexedDB ------------------------------------------------------------------------
  let opened = null;
  function db() {
    opened = opened || new Promise((resolve, reject) => {
      const request = indexedDB.open("agir-rounds", 1);
      request.onupgradeneeded = () => STORES.forEach((name) => {
        if (!request.result.objectStoreNames.contains(name)) {
          request.result.createObjectStore(name, { keyPath: "id" });
        }
      });
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    return opened;
  }
  async function run(store, mode, action) {
    const database = await db();
    return new Promise((resolve, reject) => {
      const transaction = database.transaction(store, mode);
      const result = action(transaction.objectStore(store));
      transaction.oncomplete = () => resolve(result && result.result);
      transaction.onerror = () => reject(transaction.error);
    });
  }
  const all = async (store) =>
    ((await run(store, "readonly", (s) => s.getAll())) || []).sort((a, b) => a.seq - b.seq);
  const put = (store, value) => run(store, "readwrite", (s) => s.put(value));
  const remove = (store, id) => run(store, "readwrite", (s) => s.delete(id));
  const clearStore = (store) => run(store, "readwrite", (s) => s.clear());

  // --- what the caretaker sees: counter, banner, messages --------------------------------
  async function refreshCount() {
    const count = (await all("queue")).length;
    $$("[data-pending-count]").forEach((element) => { element.textContent = count; });
    if ($("#queue-list")) drawQueuePage();
    return count;
  }
  function showNetwork() {
    const banner = $("#offline-banner");
    if (banner) banner.hidden = navigator.onLine;
  }
  function flash(text, error = false) {
    const box = $("#flash");
    if (!box || !text) return;
    box.textContent = text;
    box.classList.toggle("error", error);
    box.hidden = false;
  }
  function flashNextPage(text, error = false) {
    sessionStorage.setItem("agir-flash", JSON.stringify({ text, error }));
  }
  function uuid() {
    if (crypto.randomUUID) return crypto.randomUUID();
    const b = crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 15) | 64; b[8] = (b[8] & 63) | 128;
    const h = Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  }

  // --- the queue ----------------------------------------------------------------------
  async function enqueue(kind, data, id, label) {
    await put("queue", { id, kind, data, label, made_at: new Date().toISOString(), seq: Date.now() + Math.random() });
    await refreshCount();
  }
  let sending = null;
  function send() {
    sending = sending || sendAll().finally(() => { sending = null; });
    return sending;
  }
  function chunks(items) {
    const out = [];
    let current = [], size = 0;
    for (const item of items) {
      const bytes = JSON.stringify(item.data).length + 200;
      if (current.length && (size + bytes > CHUNK_BYTES || current.length >= CHUNK_ITEMS)) {
        out.push(current); current = []; size = 0;
      }
      current.push(item); size += bytes;
    }
    if (current.length) out.push(current);
    return out;
  }
  async function sendAll() {
    const items = await all("queue");
    const answers = [];
    for (const chunk of chunks(items)) {
      let response;
      try {
        response = await fetch(cfg.sync, {
          method: "POST",
          credentials: "same-origin",
          headers: { "Content-Type": "application/json", "X-CSRFToken": $('meta[name="csrf-token"]').content },
          body: JSON.stringify({ items: chunk.map(({ id, kind, data, made_at }) => ({ id, kind, data, made_at })) }),
        });
      } catch (error) {
        return { answers, failed: "network" };
      }
      if (!response.ok) {
        if (response.status === 401 || response.status === 403) flash(document.documentElement.lang === "en"
          ? "Sign in again to send what is waiting." : "Reconnectez-vous pour envoyer ce qui attend.", true);
        return { answers, failed: response.status };
      }
      const body = await response.json();
      for (const answer of body.results) {
        const item = chunk.find((queued) => queued.id === answer.id);
        if (!item) continue;
        const refused = answer.status === "refused" || answer.first_status === "refused";
        const kept = { id: item.id, kind: item.kind, label: item.label, seq: item.seq,
          reference: answer.reference || "", message: answer.message || "", request: answer.request || "" };
        await put(refused ? "refused" : "sent", kept);
        // Only now, with the server's word for it, does the item leave the queue.
        await remove("queue", item.id);
        answers.push(answer);
      }
      await refreshCount();
    }
    const sent = await all("sent");
    for (const old of sent.slice(0, Math.max(0, sent.length - 50))) await remove("sent", old.id);
    return { answers };
  }
  async function sendSoon() {
    if (!navigator.onLine || !(await all("queue")).length) return null;
    return send();
  }

  // --- photos: smaller before they wait in the queue ------------------------------------
  async function photoData(file) {
    try {
      const bitmap = await createImageBitmap(file);
      const scale = Math.min(1, 1600 / Math.max(bitmap.width, bitmap.height));
      const canvas = document.createElement("canvas");
      canvas.width = Math.round(bitmap.width * scale);
      canvas.height = Math.round(bitmap.height * scale);
      canvas.getContext("2d").drawImage(bitmap, 0, 0, canvas.width, canvas.height);
      return canvas.toDataURL("image/jpeg", 0.82);
    } catch (error) {
      // A format the browser cannot draw (HEIC): the server re-encodes it.
      return new Promise((resolve) => {
        const reader = new FileReader();
        reader.onload = () => resolve(reader.result);
        reader.readAsDataURL(file);
      });
    }
  }

  // --- forms become queued items -------------------------------------------------------
  async function itemOf(form, submitter) {
    const fields = new FormData(form);
    if (submitter && submitter.name) fields.set(submitter.name, submitter.value);
    const kind = form.dataset.queue;
    const text = (name) => String(fields.get(name) || "");
    const request = form.dataset.request;
    const title = $("h1") ? $("h1").textContent.trim() : "";
    switch (kind) {
      case "new_request": {
        const photos = [];
        for (const file of fields.getAll("photos")) if (file && file.size) photos.push(await photoData(file));
        return { kind, data: { place: text("lieu"), entry: text("probleme"), title: text("title"),
          description: text("description"), photos },
          label: `${text("entry_title") || text("title")} — ${text("place_label")}` };
      }
      case "photo": {
        const file = fields.get("photo");
        if (!file || !file.size) return null;
        return { kind, data: { request, photo: await photoData(file) }, label: `Photo — ${title}` };
      }
      case "round_check":
        return { kind, data: { building: form.dataset.building, place: text("lieu"), point: text("point"),
          ok: text("ok") === "1" }, label: form.closest("li") ? $(".row-title", form.closest("li")).textContent : kind };
      default:
        return { kind, data: { request, message: text("message"), public: fields.get("public") === "on",
          seen_status: text("seen_status") }, label: `${submitter ? submitter.textContent.trim() : kind} — ${title}` };
    }
  }
  document.addEventListener("submit", async (event) => {
    const form = event.target;
    if (form.matches(`form[action="${cfg.logout}"]`)) return signOut(event, form);
    if (form.matches("form[data-offline-search]") && !navigator.onLine) {
      event.preventDefault();
      return searchOffline(String(new FormData(form).get("q") || ""));
    }
    if (!form.matches("form[data-queue]")) return;
    event.preventDefault();
    const item = await itemOf(form, event.submitter);
    if (!item) return;
    const id = (form.elements.item && form.elements.item.value) || uuid();
    await enqueue(item.kind, item.data, id, item.label);
    if (form.elements.item) form.elements.item.value = uuid(); // the next one is another item
    const result = navigator.onLine ? await send() : null;
    const answer = result && result.answers.find((a) => a.id === id);
    const refused = answer && (answer.status === "refused" || answer.first_status === "refused");
    const said = answer ? answer.message || (document.documentElement.lang === "en" ? "Saved." : "C'est enregistré.")
      : (document.documentElement.lang === "en" ? "Waiting: it will be sent when the network is back."
        : "En attente : ce sera envoyé dès le retour du réseau.");
    if (item.kind === "new_request") {
      flashNextPage(said, refused);
      location.assign(answer && answer.request && !refused ? `${cfg.home}demande/${answer.request}/` : cfg.home);
    } else if (item.kind === "round_check") {
      const line = form.closest("li");
      line.classList.toggle("is-ok", item.data.ok);
      line.classList.toggle("is-bad", !item.data.ok);
      if (!item.data.ok) location.assign(form.dataset.report);
      else flash(said, refused);
    } else {
      form.reset();
      flash(said, refused);
    }
  });

  // --- signing out clears what the phone kept --------------------------------------------
  async function signOut(event, form) {
    event.preventDefault();
    const waiting = (await all("queue")).length;
    if (waiting) {
      const question = document.documentElement.lang === "en"
        ? `${waiting} entries have not been sent. Sign out and lose them?`
        : `${waiting} saisie(s) pas encore envoyée(s). Vous déconnecter et les perdre ?`;
      if (!window.confirm(question)) return;
    }
    await forget();
    form.submit();
  }
  async function forget() {
    for (const store of STORES) await clearStore(store);
    if (window.caches) await caches.delete(SECTOR_CACHE);
    localStorage.removeItem("agir-primed");
  }

  // --- the sector, kept for offline ----------------------------------------------------
  async function sectorData() {
    const response = await fetch(cfg.data, { credentials: "same-origin" });
    if (!response.ok || response.redirected) throw new Error(`data: ${response.status}`);
    return response.json();
  }
  async function prime(force = false) {
    if (!navigator.onLine || !window.caches) return;
    const last = Number(localStorage.getItem("agir-primed") || 0);
    if (!force && Date.now() - last < PRIME_EVERY_MS) { document.body.dataset.offlineReady = "yes"; return; }
    const data = await sectorData();
    const cache = await caches.open(SECTOR_CACHE);
    const pictures = new Set();
    for (const place of data.catalogue.places) {
      pictures.add(place.picture);
      for (const equipment of place.equipment) pictures.add(equipment.picture);
    }
    for (const entry of Object.values(data.catalogue.entries)) pictures.add(entry.picture);
    const urls = [...data.pages, cfg.data];
    const shell = await caches.open("agir-pictures");
    const fetchOne = async (url, into) => {
      const response = await fetch(url, { credentials: "same-origin" });
      if (response.ok && !response.redirected) await into.put(url, response);
    };
    const jobs = [...urls.map((url) => [url, cache]),
      ...[...pictures].map((name) => [`${cfg.static}catalogue/pictures/${name}.svg`, shell])];
    for (let i = 0; i < jobs.length; i += 4) {
      await Promise.all(jobs.slice(i, i + 4).map(([url, into]) => fetchOne(url, into).catch(() => null)));
    }
    localStorage.setItem("agir-primed", String(Date.now()));
    document.body.dataset.offlineReady = "yes";
  }

  // --- the new-request steps, drawn from the kept data when the page came from the cache ----
  const norm = (text) => String(text).normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  function link(params) {
    const query = new URLSearchParams(Object.entries(params).filter(([, v]) => v)).toString();
    return `${cfg.home}nouvelle/${query ? `?${query}` : ""}`;
  }
  const rows = (items) => `<ul class="rows">${items.map(([href, title, meta]) =>
    `<li><a class="row" href="${esc(href)}"><span class="row-title">${esc(title)}</span>${meta ? `<span class="row-meta">${esc(meta)}</span>` : ""}</a></li>`).join("")}</ul>`;
  const tiles = (items) => `<ul class="tiles">${items.map(([href, label, picture]) =>
    `<li><a class="tile" href="${esc(href)}">${picture ? `<img src="${esc(`${cfg.static}catalogue/pictures/${picture}.svg`)}" alt="" width="64" height="64">` : ""}<span>${esc(label)}</span></a></li>`).join("")}</ul>`;
  function findPlace(data, key) {
    for (const building of data.sector) {
      for (const area of [...building.areas, ...building.site_areas]) if (area.key === key) return { area, building };
      for (const entrance of building.entrances) {
        if (entrance.key === key) return { entrance, building };
        for (const area of entrance.areas) if (area.key === key) return { area, entrance, building };
        for (const dwelling of entrance.dwellings) if (dwelling.key === key) return { dwelling, entrance, building };
      }
    }
    return null;
  }
  async function drawEntry(root) {
    let data;
    try { data = await (await fetch(cfg.data, { credentials: "same-origin" })).json(); } catch (error) { return; }
    const t = (fr) => fr;
    const params = new URLSearchParams(location.search);
    const key = params.get("lieu") || "";
    const found = key ? findPlace(data, key) : null;
    const catalogue = data.catalogue;
    let html = "";
    if (!found || found.entrance && !found.area && !found.dwelling) {
      if (found) {
        const { entrance, building } = found;
        html = `<p><a class="back" href="${esc(link({}))}">${t("Retour")}</a></p><h1>${t("Où est le problème ?")}</h1>
          <p class="chosen"><span class="chosen-label">${esc(entrance.label)}</span></p>
          <h2>${t("Parties communes")}</h2>${rows([...entrance.areas, ...building.areas].map((a) => [link({ lieu: a.key }), a.label]))}
          <h2>${t("Logements")}</h2>${rows(entrance.dwellings.map((d) => [link({ lieu: d.key }), `Logement ${d.number}${d.name ? ` — ${d.name}` : ""}`, `Étage ${d.floor}`]))}`;
      } else {
        html = `<h1>${t("Où est le problème ?")}</h1>` + data.sector.map((b) => `<h2>${esc(b.name)}</h2><ul class="chips">${b.entrances.map((e) =>
          `<li><a href="${esc(link({ lieu: e.key }))}">Entrée ${esc(e.code)}</a></li>`).join("")}</ul>`).join("");
      }
      root.innerHTML = html;
      return;
    }
    const label = found.area ? found.area.label : `Logement ${found.dwelling.number}, ${found.entrance.label}`;
    const name = found.dwelling && found.dwelling.name ? ` — ${esc(found.dwelling.name)}` : "";
    const back = found.entrance ? link({ lieu: found.entrance.key }) : link({});
    html = `<p class="chosen"><span class="chosen-label">${esc(label)}</span>${name} · <a href="${esc(back)}">${t("Changer de lieu")}</a></p>`;
    const entryCode = params.get("probleme") || "";
    const entry = catalogue.entries[entryCode];
    if (entry || params.get("autre")) {
      const title = entry ? entry.title : t("Autre problème");
      html += `<h1>${esc(title)}</h1>
        <form method="post" action="${esc(link({}))}" data-queue="new_request" class="stack">
        <input type="hidden" name="item" value="${uuid()}"><input type="hidden" name="lieu" value="${esc(key)}">
        <input type="hidden" name="probleme" value="${esc(entry ? entryCode : "")}"><input type="hidden" name="place_label" value="${esc(label)}">
        <input type="hidden" name="entry_title" value="${esc(entry ? entry.title : "")}">
        ${entry ? "" : `<div class="field"><label for="title">${t("Le problème en quelques mots")}</label><input id="title" name="title" maxlength="120" required></div>`}
        <div class="field"><label for="description">${t("Ce que vous voyez")} <span class="optional">${t("(facultatif)")}</span></label><textarea id="description" name="description" maxlength="2000"></textarea></div>
        <div class="field"><label for="photos">${t("Photo")} <span class="optional">${t("(facultatif)")}</span></label><input id="photos" type="file" name="photos" accept="image/*" capture="environment" multiple></div>
        <p class="hint">${t("Qui paie : vous le saurez à l'envoi, hors ligne il ne peut pas être vérifié.")}</p>
        <button type="submit" class="primary big">${t("Enregistrer la demande")}</button></form>`;
      root.innerHTML = html;
      return;
    }
    const scope = found.area ? "common" : "dwelling";
    const placesHere = catalogue.places.filter((p) => found.area ? p.code === found.area.kind : p.scope === "dwelling");
    const query = params.get("q") || "";
    html += `<h1>${t("Quel est le problème ?")}</h1><form class="search" method="get" action="${esc(link({}))}" role="search">
      <input type="hidden" name="lieu" value="${esc(key)}"><label for="q">${t("Décrivez le problème en quelques mots")}</label>
      <div class="search-row"><input type="search" id="q" name="q" value="${esc(query)}" maxlength="200" autocomplete="off"><button type="submit" class="button">${t("Chercher")}</button></div></form>`;
    if (query) {
      const words = norm(query).split(/[^a-z0-9]+/).filter((w) => w.length > 1);
      const codes = new Set(placesHere.flatMap((p) => p.equipment.flatMap((e) => e.entries)));
      const hits = [...codes].filter((code) => {
        const text = norm(catalogue.entries[code].words);
        return words.length && words.every((w) => text.includes(w.slice(0, Math.max(3, w.length - 1))));
      }).slice(0, 8);
      html += `<h2>${t("Résultats")}</h2>` + (hits.length ? rows(hits.map((code) => [link({ lieu: key, probleme: code }), catalogue.entries[code].title]))
        : `<p class="muted">${t("Rien de trouvé : choisissez dans les images ci-dessous.")}</p>`);
    }
    const room = scope === "common" ? placesHere[0] : placesHere.find((p) => p.code === params.get("endroit"));
    if (!room) {
      html += `<h2>${t("Quelle pièce ?")}</h2>` + tiles(placesHere.map((p) => [link({ lieu: key, endroit: p.code }), p.label, p.picture]));
    } else {
      const endroit = scope === "dwelling" ? room.code : "";
      const equipment = room.equipment.find((e) => e.code === params.get("equipement"));
      if (!equipment) {
        html += `<h2>${t("Quel équipement ?")}</h2>` + tiles(room.equipment.map((e) => [link({ lieu: key, endroit, equipement: e.code }), e.label, e.picture]));
      } else {
        html += `<h2>${esc(equipment.label)}</h2>` + tiles([...equipment.entries.map((code) =>
          [link({ lieu: key, probleme: code }), catalogue.entries[code].symptom, catalogue.entries[code].picture]),
          [link({ lieu: key, endroit, equipement: equipment.code, autre: "1" }), t("Autre problème"), ""]]);
      }
    }
    root.innerHTML = html;
  }
  const sameQuery = (a, b) => {
    const sort = (q) => [...new URLSearchParams(q)].sort().map(String).join("&");
    return sort(a) === sort(b);
  };

  // --- search without signal: the kept dwellings and open requests ------------------------
  async function searchOffline(query) {
    const box = $("#search-results");
    if (!box) return;
    let data;
    try { data = await (await fetch(cfg.data, { credentials: "same-origin" })).json(); } catch (error) { return; }
    const wanted = norm(query.trim());
    const dwellings = [];
    for (const building of data.sector) {
      for (const entrance of building.entrances) {
        for (const d of entrance.dwellings) {
          if (wanted && (d.number === wanted || norm(d.name).includes(wanted) || norm(d.code) === wanted)) {
            dwellings.push([`${cfg.home}logement/${encodeURIComponent(d.code)}/`, `Logement ${d.number}${d.name ? ` — ${d.name}` : ""}`, entrance.label]);
          }
        }
      }
    }
    const requests = data.requests.filter((r) => wanted && (norm(r.reference).includes(wanted) || norm(r.title).includes(wanted)))
      .map((r) => [`${cfg.home}demande/${r.code}/`, r.title, `${r.place} · ${r.status} · n° ${r.reference}`]);
    box.innerHTML = `<h2>Logements</h2>${dwellings.length ? rows(dwellings.slice(0, 30)) : '<p class="muted">Aucun logement trouvé.</p>'}
      <h2>Demandes</h2>${requests.length ? rows(requests.slice(0, 30)) : '<p class="muted">Aucune demande en cours.</p>'}`;
  }

  // --- the queue page ----------------------------------------------------------------
  async function drawQueuePage() {
    const line = (item, extra) => `<li class="row${extra === "" ? " pending" : ""}"><span class="row-title">${esc(item.label || item.kind)}</span>${extra ? `<span class="row-meta">${esc(extra)}</span>` : ""}</li>`;
    $("#queue-list").innerHTML = (await all("queue")).map((item) => line(item, "")).join("");
    $("#sent-list").innerHTML = (await all("sent")).reverse().map((item) => line(item, item.message || item.reference)).join("");
    $("#refused-list").innerHTML = (await all("refused")).reverse().map((item) => line(item, item.message)).join("");
  }

  // --- start ---------------------------------------------------------------------------
  window.addEventListener("online", () => { showNetwork(); sendSoon(); });
  window.addEventListener("offline", showNetwork);
  document.addEventListener("click", (event) => {
    if (event.target.closest("[data-send-now]")) sendSoon().then((result) => {
      if (result && result.failed) flash(document.documentElement.lang === "en" ? "Not sent: no network." : "Pas envoyé : pas de réseau.", true);
    });
  });
  async function start() {
    cfg.home = cfg.home || "/gardien/";
    showNetwork();
    const said = sessionStorage.getItem("agir-flash");
    if (said) { sessionStorage.removeItem("agir-flash"); const { text, error } = JSON.parse(said); flash(text, error); }
    const entry = $("[data-entry]");
    if (entry && !sameQuery(entry.dataset.renderedFor, location.search.slice(1))) await drawEntry(entry);
    await refreshCount();
    if ("serviceWorker" in navigator) {
      try { await navigator.serviceWorker.register(cfg.sw, { scope: cfg.home }); } catch (error) { /* offline stays off */ }
    }
    await sendSoon();
    setInterval(sendSoon, 30000);
    try { await prime(); } catch (error) { /* next time */ }
  }
  window.agirRounds = { ready: start(), send, all, prime };
})();
