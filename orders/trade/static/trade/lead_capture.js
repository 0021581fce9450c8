// /sell/leads/new/ works without this file: a plain POST, errors beside the fields. With it, a lead typed
// where the network fails (an expo hall) is not lost: the form is sent with fetch; if the network fails, the
// lead is kept in this phone's localStorage, the form is cleared for the next buyer, and every lead kept is
// sent again when the phone is back online. Each carries its own client_key, so a lead sent twice (a reply
// lost on the way back) is still one lead (orders.trade.leads.capture). A lead counts as sent only when the
// confirmation page answers with its key in the X-Lead-Captured header. The messages are the form's data-*
// texts, translated by the template.
(function () {
  "use strict";
  var form = document.getElementById("lead-capture");
  var status = document.getElementById("lead-offline-status");
  if (!form || !status || !window.fetch || !window.localStorage || !window.FormData) return;
  var QUEUE = "trade.lead-capture.queue";
  var KEEP = ["csrfmiddlewaretoken", "supplier", "event", "target_currency"];
  var texts = form.dataset;
  var sending = false;

  function queue() {
    try {
      return JSON.parse(localStorage.getItem(QUEUE)) || [];
    } catch (error) {
      return [];
    }
  }
  function store(items) {
    localStorage.setItem(QUEUE, JSON.stringify(items));
  }
  function keyOf(fields) {
    for (var i = 0; i < fields.length; i++) if (fields[i][0] === "client_key") return fields[i][1];
    return "";
  }
  function drop(fields) {
    store(queue().filter(function (item) { return keyOf(item) !== keyOf(fields); }));
  }
  function say(text) {
    status.textContent = text;
    status.hidden = !text;
  }
  function sayWaiting(prefix) {
    var count = queue().length;
    var waiting = count ? texts.waiting.replace("{n}", count) : "";
    say([prefix || "", waiting].join(" ").trim());
  }

  function fieldsOf() {
    var fields = [];
    new FormData(form).forEach(function (value, name) { fields.push([name, String(value)]); });
    return fields;
  }
  function post(fields) {
    var body = new FormData();
    // The page's own token: the one kept with an old lead may have changed since (a new login).
    var token = form.elements.csrfmiddlewaretoken.value;
    fields.forEach(function (pair) {
      body.append(pair[0], pair[0] === "csrfmiddlewaretoken" ? token : pair[1]);
    });
    return fetch(form.action, { method: "POST", body: body, credentials: "same-origin" });
  }
  function saved(response, fields) {
    return response.headers.get(texts.savedHeader) === keyOf(fields);
  }
  // A proxy's "bad gateway" or "unavailable" is the network failing too: the lead is kept and sent again.
  function unreachable(response) {
    return response.status >= 502 && response.status <= 504;
  }
  function newKey() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    var bytes = crypto.getRandomValues(new Uint8Array(16));
    bytes[6] = (bytes[6] & 15) | 64;
    bytes[8] = (bytes[8] & 63) | 128;
    var hex = Array.prototype.map.call(bytes, function (b) { return (b + 256).toString(16).slice(1); }).join("");
    return [hex.slice(0, 8), hex.slice(8, 12), hex.slice(12, 16), hex.slice(16, 20), hex.slice(20)].join("-");
  }

  function clearForNextBuyer() {
    Array.prototype.forEach.call(form.elements, function (element) {
      if (!element.name || KEEP.indexOf(element.name) >= 0 || element.type === "submit") return;
      if (element.type === "checkbox") element.checked = false;
      else if (element.name !== "client_key") element.value = "";
    });
    form.elements.client_key.value = newKey();
    Array.prototype.forEach.call(form.querySelectorAll(".errorlist"), function (list) { list.remove(); });
  }
  function keepOnPhone(fields) {
    var items = queue();
    if (!items.some(function (item) { return keyOf(item) === keyOf(fields); })) items.push(fields);
    store(items);
    clearForNextBuyer();
    sayWaiting(texts.savedOffline);
    status.scrollIntoView({ block: "nearest" });
    form.elements.name.focus();
  }
  function restore(fields) {
    var values = {};
    fields.forEach(function (pair) { (values[pair[0]] = values[pair[0]] || []).push(pair[1]); });
    Array.prototype.forEach.call(form.elements, function (element) {
      if (!element.name || element.name === "csrfmiddlewaretoken" || element.type === "submit") return;
      var given = values[element.name] || [];
      if (element.type === "checkbox") element.checked = given.indexOf(element.value) >= 0;
      else element.value = given.length ? given[0] : "";
    });
  }
  function showErrors(html) {
    var fresh = new DOMParser().parseFromString(html, "text/html").getElementById("lead-capture");
    if (!fresh) return HTMLFormElement.prototype.submit.call(form);
    form.innerHTML = fresh.innerHTML;
    var first = form.querySelector(".errorlist");
    if (first) first.scrollIntoView({ block: "center" });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var fields = fieldsOf();
    var button = form.querySelector("button[type=submit]");
    button.disabled = true;
    post(fields)
      .then(function (response) {
        if (saved(response, fields)) return window.location.assign(response.url);
        if (unreachable(response)) return keepOnPhone(fields);
        if (response.status === 400) return response.text().then(showErrors);
        if (response.redirected) {
          // Signed out meanwhile: the login page, which comes back here; the lead waits on the phone.
          store(queue().concat([fields]));
          return window.location.assign(response.url);
        }
        // Anything else (a refusal): the server's own page, as without this script.
        HTMLFormElement.prototype.submit.call(form);
      })
      .catch(function () { keepOnPhone(fields); })
      .then(function () { button.disabled = false; });
  });

  function sendKept() {
    var items = queue();
    if (sending || !items.length || navigator.onLine === false) return;
    sending = true;
    say(texts.sending);
    var fields = items[0];
    post(fields)
      .then(function (response) {
        sending = false;
        if (saved(response, fields)) {
          drop(fields);
          return queue().length ? sendKept() : say(texts.sent);
        }
        if (response.status === 400) {
          drop(fields);
          restore(fields);
          return sayWaiting(texts.refused);
        }
        sayWaiting(); // signed out or the server failing: tried again later
      })
      .catch(function () {
        sending = false;
        sayWaiting();
      });
  }

  window.addEventListener("online", sendKept);
  window.setInterval(sendKept, 30000);
  sayWaiting();
  sendKept();
})();
