// The share page: the registry's signed statements travel in the link's
// fragment (never sent to a server). Each is verified here against the
// registry's statement keys, which the page itself carries, so a family
// opening the link offline still sees what was verified and when. Text is
// only ever set as text, never as markup.
(async () => {
  const box = document.getElementById("shared");
  const status = document.getElementById("share-status");
  const facts = document.getElementById("share-facts");
  if (!box || !window.crypto || !crypto.subtle) return;
  const labels = JSON.parse(box.dataset.labels);
  const keys = JSON.parse(box.dataset.keys).keys;
  const bytes = (t) => Uint8Array.from(atob(t.replace(/-/g, "+").replace(/_/g, "/")), (c) => c.charCodeAt(0));
  const json = (t) => JSON.parse(new TextDecoder().decode(bytes(t)));
  const kinds = { "licence-statement+jwt": "licence", "representative-statement+jwt": "card", "job-order-statement+jwt": "order" };
  const money = (m) => m.amount + " " + m.currency;
  const add = (term, detail) => {
    const dt = document.createElement("dt");
    dt.textContent = term;
    const dd = document.createElement("dd");
    dd.textContent = detail;
    facts.append(dt, dd);
    return dd;
  };
  // One statement that does not verify makes the whole link untrustworthy:
  // nothing of it is shown.
  const verified = [];
  let tampered = false;
  for (const jws of location.hash.slice(1).split("~").filter((s) => s)) {
    tampered = true;
    try {
      const [head, body, signature] = jws.split(".");
      const header = json(head);
      const claims = json(body);
      const kind = kinds[header.typ];
      if (header.alg !== "EdDSA" || !kind || claims.iss !== box.dataset.issuer) break;
      const jwk = keys.find((k) => k.kid === header.kid && k.purpose === "statement" && k.kty === "OKP" && k.crv === "Ed25519");
      if (!jwk) break;
      const key = await crypto.subtle.importKey("jwk", { kty: "OKP", crv: "Ed25519", x: jwk.x }, { name: "Ed25519" }, false, ["verify"]);
      const signed = new TextEncoder().encode(head + "." + body);
      if (!(await crypto.subtle.verify({ name: "Ed25519" }, key, bytes(signature), signed))) break;
      verified.push([kind, claims]);
      tampered = false;
    } catch (e) {
      break;
    }
  }
  if (tampered || verified.length === 0) return;
  const day = (t) => new Date((t + 5 * 3600) * 1000).toISOString().slice(0, 10);
  status.textContent = box.dataset.verified.replace("%DATE%", day(Math.min(...verified.map(([, c]) => c.iat))));
  for (const [kind, c] of verified) {
    let now;
    if (kind === "order") {
      add(labels.order, c.sub);
      add(labels.position, c.position + " (" + c.destination_country + ")");
      add(labels.employer, c.employer.legal_name + " (" + c.employer.country + ")");
      add(labels.wage, money(c.wage) + " / " + c.wage_period);
      add(labels.fee, money(c.worker_fee));
      add(labels.agency, c.agency.legal_name + " (" + c.agency.license_number + ")");
      now = add(labels.standing, c.standing);
      now.dataset.path = "/v1/job-orders/" + c.sub;
    } else if (kind === "card") {
      add(labels.card, c.sub + ": " + c.full_name);
      add(labels.agency, c.agency.legal_name);
      now = add(labels.standing, c.standing);
      now.dataset.path = "/v1/representatives/" + c.sub;
    } else {
      add(labels.licence, c.sub + ": " + c.agency.legal_name);
      now = add(labels.standing, c.status);
      now.dataset.path = "/v1/licenses/" + c.sub;
    }
  }
  // Today's word, when online: the facts above stay as they were signed.
  for (const dd of facts.querySelectorAll("dd[data-path]")) {
    try {
      const answer = await (await fetch(dd.dataset.path + "?lang=" + box.dataset.lang)).json();
      if (answer.verdict && answer.verdict.message) dd.textContent += " — " + box.dataset.now + " " + answer.verdict.message;
    } catch (e) {
      // Offline: the signed facts are what there is.
    }
  }
})();
