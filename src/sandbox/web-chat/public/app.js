// The sandbox web chat: plain JavaScript, no build step, no framework, nothing from the network.
// It acts as one persona at a time through /sandbox/api/ and redraws from the live stream.


(() => {
  const boot = JSON.parse(document.getElementById("boot").textContent);
  const S = boot.strings;
  const $ = (id) => document.getElementById(id);

  const state = {
    bot: null,
    personas: [],
    staffGroup: null,
    areas: [],
    center: { latitude: 31.2323, longitude: 121.4766 },
    personaId: null,
    chatId: null,
    /** Live events that arrive while a chat is loading; applied after it is drawn. */
    pending: null,
    replyKeyboard: null,
    commands: [],
    messageCount: 0,
  };

  const storage = {
    get(key) {
      try {
        return localStorage.getItem(key);
      } catch {
        return null;
      }
    },
    set(key, value) {
      try {
        localStorage.setItem(key, String(value));
      } catch {
        /* private mode: fine */
      }
    },
  };

  // --- talking to the sandbox ---------------------------------------------------------------

  async function api(path, body, init = {}) {
    const options = { method: body === undefined ? "GET" : "POST", headers: {}, ...init };
    if (body !== undefined) {
      if (body instanceof Blob) {
        options.body = body;
        options.headers["content-type"] = body.type || "application/octet-stream";
      } else {
        options.body = JSON.stringify(body);
        options.headers["content-type"] = "application/json";
      }
    }
    const response = await fetch(path, options);
    const data = await response.json().catch(() => ({}));
    if (!response.ok || data.ok === false) throw new Error(data.error || `HTTP ${response.status}`);
    return data;
  }

  async function act(work) {
    try {
      return await work();
    } catch (error) {
      toast(`${S.error} (${error.message})`);
      return undefined;
    }
  }

  const persona = () => state.personas.find((p) => p.id === state.personaId);
  const here = () => ({ persona: state.personaId, chat: state.chatId });

  function sendText(text) {
    if (!text.trim()) return Promise.resolve();
    return act(() => api("/sandbox/api/send", { ...here(), text }));
  }

  // --- personas and chats -------------------------------------------------------------------

  const roleLabels = {
    resident: S.roleResident,
    volunteer: S.roleVolunteer,
    inspector: S.roleInspector,
    staff: S.roleStaff,
    admin: S.roleAdmin,
  };

  async function loadState() {
    const data = await api("/sandbox/api/state");
    state.bot = data.bot;
    state.personas = data.personas;
    state.staffGroup = data.staffGroup;
    state.areas = data.areas;
    state.center = data.center;
    const select = $("persona");
    select.replaceChildren(
      ...state.personas.map((p) => {
        const option = document.createElement("option");
        option.value = String(p.id);
        option.textContent = `${p.name} · ${roleLabels[p.kind] || p.kind}`;
        return option;
      }),
    );
    const stored = Number(storage.get("sandbox-persona"));
    const keep = state.personas.find((p) => p.id === (state.personaId ?? stored)) || state.personas[0];
    if (keep) select.value = String(keep.id);
    return keep;
  }

  function renderChatTabs() {
    const p = persona();
    const nav = $("chats");
    nav.replaceChildren();
    if (!p) return;
    for (const chatId of p.chats) {
      const button = document.createElement("button");
      button.type = "button";
      button.dataset.chat = String(chatId);
      button.textContent = chatId === p.id ? `💬 ${S.chatPrivate}` : `👥 ${state.staffGroup.title}`;
      button.setAttribute("aria-pressed", String(chatId === state.chatId));
      button.addEventListener("click", () => openChat(chatId));
      nav.append(button);
    }
  }

  async function choosePersona(id, chatId) {
    state.personaId = id;
    storage.set("sandbox-persona", id);
    const p = persona();
    const stored = Number(storage.get(`sandbox-chat-${id}`));
    const target = chatId ?? (p?.chats.includes(stored) ? stored : id);
    await openChat(target);
  }

  async function openChat(chatId) {
    state.chatId = chatId;
    storage.set(`sandbox-chat-${state.personaId}`, chatId);
    renderChatTabs();
    closePopups();
    state.pending = [];
    const data = await act(() => api(`/sandbox/api/chats/${chatId}?persona=${state.personaId}`));
    const queued = state.pending || [];
    state.pending = null;
    if (!data || state.chatId !== chatId) return;
    const list = $("messages");
    list.replaceChildren();
    state.messageCount = 0;
    for (const message of data.messages) upsert(message);
    state.commands = data.commands;
    renderReplyKeyboard(data.replyKeyboard);
    for (const event of queued) applyEvent(event);
    updateEmptyState();
    scrollToEnd(true);
  }

  // --- drawing messages ---------------------------------------------------------------------

  const timeFormat = new Intl.DateTimeFormat(boot.locale, { hour: "2-digit", minute: "2-digit" });

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function safeUrl(url) {
    return /^(https?:|tg:|mailto:)/i.test(url) ? url : null;
  }

  /** t.me links to our own bot open its chat (and pass a deep-link payload to /start). */
  function botLink(url) {
    if (!state.bot?.username) return null;
    const match = /^(?:https?:\/\/)?t\.me\/([A-Za-z0-9_]+)\/?(?:\?start=([\w-]+))?$/i.exec(url);
    if (!match || match[1].toLowerCase() !== state.bot.username.toLowerCase()) return null;
    return { payload: match[2] || null };
  }

  function openLink(url) {
    const own = botLink(url);
    if (own) {
      openChat(state.personaId).then(() => {
        if (own.payload) sendText(`/start ${own.payload}`);
      });
      return;
    }
    const safe = safeUrl(url);
    if (safe) window.open(safe, "_blank", "noopener,noreferrer");
  }

  function linkNode(url, children) {
    const a = el("a");
    a.href = url;
    a.target = "_blank";
    a.rel = "noopener noreferrer";
    a.append(children);
    a.addEventListener("click", (event) => {
      if (botLink(url)) {
        event.preventDefault();
        openLink(url);
      }
    });
    return a;
  }

  /**
   * Text with Telegram's entities, built as DOM nodes: whatever the bot sent, only these
   * elements come out (no HTML is ever parsed), so bot messages are sanitised by construction.
   */
  function renderEntities(text, entities, commandsClickable) {
    const sorted = (entities || [])
      .filter((e) => e.length > 0 && e.offset >= 0 && e.offset + e.length <= text.length)
      .sort((a, b) => a.offset - b.offset || b.length - a.length);
    const build = (start, end, list) => {
      const fragment = document.createDocumentFragment();
      let position = start;
      for (let i = 0; i < list.length; i++) {
        const entity = list[i];
        if (entity.offset < position) continue; // overlapping: ignore
        const stop = entity.offset + entity.length;
        if (entity.offset > position) fragment.append(text.slice(position, entity.offset));
        const inner = [];
        while (i + 1 < list.length && list[i + 1].offset < stop) inner.push(list[++i]);
        const content = build(entity.offset, stop, inner.filter((e) => e.offset + e.length <= stop));
        fragment.append(entityNode(entity, text.slice(entity.offset, stop), content, commandsClickable));
        position = stop;
      }
      if (position < end) fragment.append(text.slice(position, end));
      return fragment;
    };
    return build(0, text.length, sorted);
  }

  function entityNode(entity, raw, content, commandsClickable) {
    const wrap = (tag, className) => {
      const node = el(tag, className);
      node.append(content);
      return node;
    };
    switch (entity.type) {
      case "bold":
        return wrap("strong");
      case "italic":
        return wrap("em");
      case "underline":
        return wrap("u");
      case "strikethrough":
        return wrap("s");
      case "code":
        return wrap("code");
      case "pre": {
        const pre = el("pre");
        pre.append(wrap("code"));
        return pre;
      }
      case "blockquote":
      case "expandable_blockquote":
        return wrap("blockquote");
      case "spoiler": {
        const node = wrap("span", "spoiler");
        node.addEventListener("click", () => node.classList.add("revealed"));
        return node;
      }
      case "text_link": {
        const url = entity.url && (botLink(entity.url) ? entity.url : safeUrl(entity.url));
        return url ? linkNode(url, content) : wrap("span");
      }
      case "url": {
        const url = /^[a-z]+:/i.test(raw) ? raw : `https://${raw}`;
        return safeUrl(url) ? linkNode(url, content) : wrap("span");
      }
      case "email":
        return linkNode(`mailto:${raw}`, content);
      case "bot_command": {
        if (!commandsClickable) return wrap("span", "command");
        const node = wrap("button", "command");
        node.type = "button";
        node.addEventListener("click", () => sendText(raw));
        return node;
      }
      default:
        return wrap("span", entity.type);
    }
  }

  function renderMessage(m) {
    const p = persona();
    const mine = !m.fromBot && p && m.fromId === p.id;
    const service = m.joined || m.left;
    const article = el("article", `msg ${service ? "service" : m.fromBot ? "bot" : mine ? "mine" : "other"}`);
    article.dataset.messageId = String(m.messageId);
    article.dataset.seq = String(m.seq);
    if (service) {
      article.textContent = m.joined ? S.joined.replace("%1", m.joined.join(", ")) : S.left.replace("%1", m.left);
      return article;
    }
    const bubble = el("div", "bubble");
    article.append(bubble);
    if (!mine && state.chatId !== state.personaId) bubble.append(el("div", "sender", m.fromName));
    if (m.replyTo) {
      const quote = el("div", "reply-quote");
      quote.append(el("strong", null, m.replyTo.fromName), el("span", null, m.replyTo.text));
      bubble.append(quote);
    }
    if (m.photo) {
      const img = el("img", "photo");
      img.src = `/sandbox/api/files/${encodeURIComponent(m.photo.fileId)}`;
      img.alt = "📷";
      img.loading = "lazy";
      if (m.photo.width && m.photo.height) img.style.aspectRatio = `${m.photo.width} / ${m.photo.height}`;
      bubble.append(img);
    }
    if (m.sticker) bubble.append(el("div", "sticker", m.sticker.emoji || "🖼️"));
    if (m.venue) {
      const venue = el("div", "venue");
      venue.append(el("strong", null, `📍 ${m.venue.title}`), el("span", null, m.venue.address));
      bubble.append(venue);
    }
    if (m.location) bubble.append(locationCard(m.location));
    if (m.contact) bubble.append(el("div", "contact", `👤 ${m.contact.name} · ${m.contact.phoneNumber}`));
    if (m.voice) {
      const voice = el("div", "voice");
      voice.append(el("span", null, `🎤 ${S.voice} · ${m.voice.duration}″`));
      const audio = el("audio");
      audio.controls = true;
      audio.preload = "none";
      audio.src = `/sandbox/api/files/${encodeURIComponent(m.voice.fileId)}`;
      voice.append(audio);
      bubble.append(voice);
    }
    if (m.document) {
      const link = el("a", "document", `📄 ${m.document.fileName || S.openFile}`);
      link.href = `/sandbox/api/files/${encodeURIComponent(m.document.fileId)}`;
      link.target = "_blank";
      link.rel = "noopener";
      bubble.append(link);
    }
    if (m.text !== undefined) {
      const text = el("div", "text");
      text.append(renderEntities(m.text, m.entities, m.fromBot));
      bubble.append(text);
    }
    const meta = el("div", "meta", timeFormat.format(new Date(m.date * 1000)));
    // A live location moves by edits; Telegram does not mark it "edited" for that.
    if (m.edited && !m.location) meta.prepend(el("span", "edited", `${S.edited} · `));
    bubble.append(meta);
    if (m.inlineKeyboard) article.append(inlineKeyboard(m));
    return article;
  }

  function inlineKeyboard(m) {
    const box = el("div", "inline-keyboard");
    for (const row of m.inlineKeyboard) {
      const line = el("div", "row");
      for (const button of row) {
        const node = el("button", "inline-button", button.text);
        node.type = "button";
        if (button.data !== undefined) {
          node.addEventListener("click", () =>
            act(() => api("/sandbox/api/press", { ...here(), messageId: m.messageId, data: button.data })),
          );
        } else if (button.url) {
          node.classList.add("link");
          node.textContent = `${button.text} ↗`;
          node.addEventListener("click", () => openLink(button.url));
        } else {
          node.disabled = true;
          node.title = S.buttonUnsupported;
        }
        line.append(node);
      }
      box.append(line);
    }
    return box;
  }

  function locationCard(location) {
    const card = el("div", "location-card");
    const box = el("div", "mini-map");
    const pin = el("span", "pin", "📍");
    const bounds = mapBounds();
    const x = ((location.longitude - bounds.west) / (bounds.east - bounds.west)) * 100;
    const y = ((bounds.north - location.latitude) / (bounds.north - bounds.south)) * 100;
    pin.style.left = `${Math.min(100, Math.max(0, x))}%`;
    pin.style.top = `${Math.min(100, Math.max(0, y))}%`;
    box.append(pin);
    if (location.live) card.append(el("span", "live-badge", `📡 ${S.liveLocation}`));
    card.append(box, el("span", "coordinates-text", `${S.location}: ${location.latitude.toFixed(5)}, ${location.longitude.toFixed(5)}`));
    return card;
  }

  function upsert(m) {
    const list = $("messages");
    const existing = list.querySelector(`[data-message-id="${m.messageId}"]`);
    if (m.deleted) {
      if (existing) {
        existing.classList.add("removing");
        setTimeout(() => existing.remove(), 250);
      }
      return;
    }
    const node = renderMessage(m);
    if (existing) existing.replaceWith(node);
    else {
      list.append(node);
      state.messageCount++;
    }
  }

  function updateEmptyState() {
    const list = $("messages");
    const empty = list.querySelectorAll(".msg:not(.removing)").length === 0;
    let hint = list.querySelector(".empty");
    if (empty && !hint) {
      hint = el("p", "empty", state.chatId === state.personaId ? S.emptyChat : S.emptyGroup);
      list.append(hint);
    } else if (!empty && hint) hint.remove();
    $("start").hidden = !(empty && state.chatId === state.personaId);
  }

  function scrollToEnd(force) {
    const list = $("messages");
    const nearEnd = list.scrollHeight - list.scrollTop - list.clientHeight < 160;
    if (force || nearEnd) requestAnimationFrame(() => (list.scrollTop = list.scrollHeight));
  }

  // --- keyboards, menus, attachments ---------------------------------------------------------

  function renderReplyKeyboard(keyboard) {
    state.replyKeyboard = keyboard;
    const box = $("reply-keyboard");
    box.replaceChildren();
    box.hidden = !keyboard || keyboard.rows.length === 0;
    $("text").placeholder = (keyboard?.placeholder) || S.inputPlaceholder;
    if (!keyboard) return;
    for (const row of keyboard.rows) {
      const line = el("div", "row");
      for (const button of row) {
        const node = el("button", "reply-button", button.text);
        node.type = "button";
        node.addEventListener("click", () => {
          if (button.requestLocation) openLocationDialog();
          else if (button.requestContact) shareContact();
          else sendText(button.text);
        });
        line.append(node);
      }
      box.append(line);
    }
  }

  function closePopups() {
    $("attach-menu").hidden = true;
    $("commands-menu").hidden = true;
    $("menu").hidden = true;
  }

  function toggle(id) {
    const node = $(id);
    const show = node.hidden;
    closePopups();
    node.hidden = !show;
  }

  function renderCommands() {
    const box = $("commands-menu");
    box.replaceChildren();
    if (state.commands.length === 0) box.append(el("p", "hint", S.commandsNone));
    for (const command of state.commands) {
      const node = el("button", "command-item");
      node.type = "button";
      node.append(el("strong", null, `/${command.command}`), el("span", null, command.description));
      node.addEventListener("click", () => {
        closePopups();
        sendText(`/${command.command}`);
      });
      box.append(node);
    }
  }

  function shareContact() {
    closePopups();
    return act(() => api("/sandbox/api/contact", here()));
  }

  async function upload(kind, file) {
    if (!file) return;
    closePopups();
    showStatus(S.sending);
    const params = new URLSearchParams({ persona: String(state.personaId), chat: String(state.chatId) });
    if (kind === "voice") params.set("duration", String(await audioDuration(file)));
    await act(() => api(`/sandbox/api/${kind}?${params}`, file));
    showStatus(null);
  }

  function audioDuration(file) {
    return new Promise((resolve) => {
      const audio = document.createElement("audio");
      const url = URL.createObjectURL(file);
      const done = (seconds) => {
        URL.revokeObjectURL(url);
        resolve(Math.max(1, Math.round(Number.isFinite(seconds) ? seconds : 1)));
      };
      audio.preload = "metadata";
      audio.addEventListener("loadedmetadata", () => done(audio.duration));
      audio.addEventListener("error", () => done(1));
      setTimeout(() => done(1), 1500);
      audio.src = url;
    });
  }

  // --- the location picker -------------------------------------------------------------------

  const METERS_PER_DEGREE = 111_320;

  function mapBounds() {
    let north = state.center.latitude + 0.005;
    let south = state.center.latitude - 0.005;
    const cos = Math.cos((state.center.latitude * Math.PI) / 180);
    let east = state.center.longitude + 0.006;
    let west = state.center.longitude - 0.006;
    for (const area of state.areas) {
      const dLat = area.radiusMeters / METERS_PER_DEGREE;
      const dLng = area.radiusMeters / (METERS_PER_DEGREE * cos);
      north = Math.max(north, area.latitude + dLat * 1.3);
      south = Math.min(south, area.latitude - dLat * 1.3);
      east = Math.max(east, area.longitude + dLng * 1.3);
      west = Math.min(west, area.longitude - dLng * 1.3);
    }
    return { north, south, east, west };
  }

  function drawMap() {
    const map = $("map");
    for (const node of map.querySelectorAll(".area")) node.remove();
    const bounds = mapBounds();
    const cos = Math.cos((state.center.latitude * Math.PI) / 180);
    for (const area of state.areas) {
      const node = el("div", "area");
      const width = ((2 * area.radiusMeters) / (METERS_PER_DEGREE * cos) / (bounds.east - bounds.west)) * 100;
      const height = ((2 * area.radiusMeters) / METERS_PER_DEGREE / (bounds.north - bounds.south)) * 100;
      node.style.left = `${((area.longitude - bounds.west) / (bounds.east - bounds.west)) * 100 - width / 2}%`;
      node.style.top = `${((bounds.north - area.latitude) / (bounds.north - bounds.south)) * 100 - height / 2}%`;
      node.style.width = `${width}%`;
      node.style.height = `${height}%`;
      node.append(el("span", null, area.name));
      map.append(node);
    }
  }

  function placePin(latitude, longitude) {
    const bounds = mapBounds();
    const pin = $("map-pin");
    const x = ((longitude - bounds.west) / (bounds.east - bounds.west)) * 100;
    const y = ((bounds.north - latitude) / (bounds.north - bounds.south)) * 100;
    pin.hidden = !(x >= 0 && x <= 100 && y >= 0 && y <= 100);
    pin.style.left = `${x}%`;
    pin.style.top = `${y}%`;
  }

  /** The point in the location dialog, or null (and the error shown) when it is not valid. */
  function chosenPoint() {
    const latitude = Number($("latitude").value.replace(",", "."));
    const longitude = Number($("longitude").value.replace(",", "."));
    if (!($("latitude").value.trim() && $("longitude").value.trim() && Math.abs(latitude) <= 90 && Math.abs(longitude) <= 180)) {
      $("location-error").hidden = false;
      return null;
    }
    return { latitude, longitude };
  }

  function openLocationDialog() {
    closePopups();
    drawMap();
    const start = state.areas[0] || state.center;
    $("latitude").value = start.latitude.toFixed(5);
    $("longitude").value = start.longitude.toFixed(5);
    placePin(start.latitude, start.longitude);
    $("location-error").hidden = true;
    $("location-dialog").showModal();
  }

  // --- live location ---------------------------------------------------------------------------
  // As a phone shares it: one location message, then a new position every few seconds (the bot
  // gets each as an edited message), until Stop or the end of its period. The positions come
  // from this device's geolocation when asked and available, else from a walk around a loop.

  const LIVE_INTERVAL_MS = 3000;
  const WALK_STEP_METERS = 12;
  /** The simulated walk's legs in metres (east, north), with the heading of each. */
  const WALK_LEGS = [
    { east: 120, north: 0, heading: 90 },
    { east: 0, north: 80, heading: 360 },
    { east: -120, north: 0, heading: 270 },
    { east: 0, north: -80, heading: 180 },
  ];
  let live = null;

  function walkPosition(origin, step) {
    const perimeter = WALK_LEGS.reduce((sum, leg) => sum + Math.abs(leg.east) + Math.abs(leg.north), 0);
    let left = (step * WALK_STEP_METERS) % perimeter;
    let east = 0;
    let north = 0;
    for (const leg of WALK_LEGS) {
      const length = Math.abs(leg.east) + Math.abs(leg.north);
      const part = Math.min(left, length) / length;
      east += leg.east * part;
      north += leg.north * part;
      if (left <= length) {
        const latitude = origin.latitude + north / METERS_PER_DEGREE;
        const longitude = origin.longitude + east / (METERS_PER_DEGREE * Math.cos((origin.latitude * Math.PI) / 180));
        return { latitude, longitude, heading: leg.heading };
      }
      left -= length;
    }
    return { ...origin };
  }

  function renderLiveBar() {
    $("live-bar").hidden = !live;
    if (!live) return;
    const source = live.watch !== undefined ? S.liveFromDevice : S.liveSimulated;
    $("live-text").textContent = `${S.liveSharing.replace("%1", String(live.count))} · ${source}`;
  }

  function endLive(share) {
    clearInterval(share.timer);
    if (share.watch !== undefined) navigator.geolocation.clearWatch(share.watch);
    if (live === share) live = null;
    renderLiveBar();
  }

  async function tick(share) {
    if (share.busy || live !== share) return;
    if (Date.now() >= share.expiresAt) {
      // The period is over: the apps stop updating, and so does the page.
      endLive(share);
      return;
    }
    const position = share.watch !== undefined ? share.device : walkPosition(share.origin, share.count + 1);
    if (!position) return;
    share.busy = true;
    const body = { persona: share.personaId, chat: share.chatId, action: "move", messageId: share.messageId, ...position };
    const moved = await act(() => api("/sandbox/api/live", body));
    share.busy = false;
    if (!moved) endLive(share);
    else {
      share.count++;
      renderLiveBar();
    }
  }

  function followDevice(share) {
    const fallBack = () => {
      if (share.watch !== undefined) navigator.geolocation.clearWatch(share.watch);
      share.watch = undefined;
      toast(S.liveFallback);
      renderLiveBar();
    };
    if (!navigator.geolocation || !window.isSecureContext) return fallBack();
    share.watch = navigator.geolocation.watchPosition(
      (found) => {
        const heading = found.coords.heading;
        share.device = {
          latitude: found.coords.latitude,
          longitude: found.coords.longitude,
          accuracy: found.coords.accuracy,
          ...(Number.isFinite(heading) && heading > 0 ? { heading } : {}),
        };
      },
      fallBack,
      { enableHighAccuracy: true, maximumAge: LIVE_INTERVAL_MS, timeout: 10_000 },
    );
  }

  async function startLive(latitude, longitude, useDevice) {
    if (live) await stopLive();
    const target = here();
    const started = await act(() => api("/sandbox/api/live", { ...target, action: "start", latitude, longitude }));
    if (!started) return;
    const share = {
      personaId: target.persona,
      chatId: target.chat,
      messageId: started.messageId,
      origin: { latitude, longitude },
      expiresAt: Date.now() + started.livePeriod * 1000,
      count: 0,
    };
    live = share;
    if (useDevice) followDevice(share);
    share.timer = setInterval(() => tick(share), LIVE_INTERVAL_MS);
    renderLiveBar();
  }

  async function stopLive() {
    const share = live;
    if (!share) return;
    endLive(share);
    await act(() => api("/sandbox/api/live", { persona: share.personaId, chat: share.chatId, action: "stop", messageId: share.messageId }));
    toast(S.liveEnded);
  }

  // --- small notices -------------------------------------------------------------------------

  let toastTimer;
  function toast(text) {
    const node = $("toast");
    node.textContent = text;
    node.hidden = false;
    clearTimeout(toastTimer);
    toastTimer = setTimeout(() => (node.hidden = true), 3500);
  }

  function showAlert(text) {
    $("alert-text").textContent = text;
    $("alert-dialog").showModal();
  }

  function showStatus(text) {
    const node = $("status");
    node.hidden = !text;
    node.textContent = text || "";
  }

  let typingTimer;
  function showTyping() {
    const node = $("typing");
    node.textContent = `${state.bot ? state.bot.name : ""} ${S.typing}`;
    node.hidden = false;
    clearTimeout(typingTimer);
    typingTimer = setTimeout(() => (node.hidden = true), 5000);
  }

  // --- the live stream ------------------------------------------------------------------------

  function applyEvent(event) {
    switch (event.type) {
      case "message":
      case "edit":
      case "delete": {
        if (event.chatId !== state.chatId) {
          const tab = document.querySelector(`#chats [data-chat="${event.chatId}"]`);
          if (tab && event.type === "message") tab.classList.add("unread");
          return;
        }
        upsert(event.message);
        if (event.message.fromBot) $("typing").hidden = true;
        renderReplyKeyboard(event.replyKeyboard);
        updateEmptyState();
        scrollToEnd(event.type === "message" && !event.message.fromBot);
        if (event.type === "message" && event.message.fromBot) scrollToEnd(true);
        return;
      }
      case "callback_answer":
        if (event.chatId === state.chatId && event.fromId === state.personaId && event.answer?.text) {
          if (event.answer.show_alert) showAlert(event.answer.text);
          else toast(event.answer.text);
        }
        return;
      case "chat_action":
        if (event.chatId === state.chatId && event.action === "typing") showTyping();
        return;
      default:
        return;
    }
  }

  function connect() {
    const source = new EventSource("/sandbox/api/events");
    let opened = false;
    source.addEventListener("message", (raw) => {
      const event = JSON.parse(raw.data);
      if (event.type === "hello") {
        showStatus(null);
        // After a reconnect, draw the chat again: events may have been missed meanwhile.
        if (opened && state.chatId !== null) openChat(state.chatId);
        opened = true;
        return;
      }
      if (event.type === "personas") {
        loadState().then(renderChatTabs);
        return;
      }
      if (state.pending) state.pending.push(event);
      else applyEvent(event);
    });
    source.addEventListener("error", () => showStatus(S.reconnecting));
  }

  // --- wiring ----------------------------------------------------------------------------------

  function wire() {
    $("persona").addEventListener("change", (event) => choosePersona(Number(event.target.value)));
    $("composer").addEventListener("submit", (event) => {
      event.preventDefault();
      const input = $("text");
      const text = input.value;
      input.value = "";
      sendText(text);
      input.focus();
    });
    $("text").addEventListener("keydown", (event) => {
      if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        $("composer").requestSubmit();
      }
    });
    $("start").addEventListener("click", () => sendText("/start"));
    $("attach").addEventListener("click", () => toggle("attach-menu"));
    $("commands").addEventListener("click", () => {
      renderCommands();
      toggle("commands-menu");
    });
    $("menu-button").addEventListener("click", () => toggle("menu"));
    for (const button of document.querySelectorAll("[data-attach]")) {
      button.addEventListener("click", () => {
        const kind = button.dataset.attach;
        if (kind === "photo") $("photo-file").click();
        else if (kind === "voice") $("voice-file").click();
        else if (kind === "location") openLocationDialog();
        else if (kind === "contact") shareContact();
      });
    }
    $("photo-file").addEventListener("change", (event) => {
      upload("photo", event.target.files[0]);
      event.target.value = "";
    });
    $("voice-file").addEventListener("change", (event) => {
      upload("voice", event.target.files[0]);
      event.target.value = "";
    });

    $("map").addEventListener("click", (event) => {
      const box = $("map").getBoundingClientRect();
      const bounds = mapBounds();
      const latitude = bounds.north - ((event.clientY - box.top) / box.height) * (bounds.north - bounds.south);
      const longitude = bounds.west + ((event.clientX - box.left) / box.width) * (bounds.east - bounds.west);
      $("latitude").value = latitude.toFixed(5);
      $("longitude").value = longitude.toFixed(5);
      placePin(latitude, longitude);
    });
    for (const id of ["latitude", "longitude"]) {
      $(id).addEventListener("input", () => {
        const latitude = Number($("latitude").value);
        const longitude = Number($("longitude").value);
        if (Number.isFinite(latitude) && Number.isFinite(longitude)) placePin(latitude, longitude);
      });
    }
    $("location-cancel").addEventListener("click", () => $("location-dialog").close());
    $("location-live").addEventListener("click", () => {
      const point = chosenPoint();
      if (!point) return;
      $("location-dialog").close();
      startLive(point.latitude, point.longitude, $("live-device").checked);
    });
    $("live-stop").addEventListener("click", () => stopLive());
    $("location-form").addEventListener("submit", (event) => {
      event.preventDefault();
      const point = chosenPoint();
      if (!point) return;
      $("location-dialog").close();
      act(() => api("/sandbox/api/location", { ...here(), ...point }));
    });

    $("new-persona").addEventListener("click", () => {
      closePopups();
      $("persona-name").value = "";
      $("persona-dialog").showModal();
    });
    $("persona-cancel").addEventListener("click", () => $("persona-dialog").close());
    $("persona-form").addEventListener("submit", async (event) => {
      event.preventDefault();
      $("persona-dialog").close();
      const result = await act(() =>
        api("/sandbox/api/personas", {
          kind: $("persona-kind").value,
          name: $("persona-name").value,
          language: $("persona-language").value,
          lang: boot.locale,
        }),
      );
      if (!result) return;
      state.personaId = result.persona.id;
      await loadState();
      await choosePersona(result.persona.id, result.persona.id);
    });
    $("seed").addEventListener("click", async () => {
      closePopups();
      showStatus(S.seedRunning);
      const result = await act(() => api("/sandbox/api/seed", { lang: boot.locale }));
      showStatus(null);
      if (!result) return;
      toast(result.message);
      await loadState();
      renderChatTabs();
    });
    document.addEventListener("click", (event) => {
      const inside = event.target.closest("#menu, #menu-button, #attach-menu, #attach, #commands-menu, #commands");
      if (!inside) closePopups();
    });
  }

  async function main() {
    wire();
    connect();
    const first = await act(loadState);
    if (first) await choosePersona(first.id);
  }

  main();
})();
