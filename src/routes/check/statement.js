// The check page works without this script; with it, a page opened from a
// licence's or a card's QR code (the signed statement after '#') also says when the
// registry issued that code, once the statement verifies against the
// registry's published keys. It never changes the verdict.
(async () => {
  const out = document.getElementById("issued");
  const jws = location.hash.slice(1);
  if (!out || !jws || !window.crypto || !crypto.subtle) return;
  const bytes = (t) => Uint8Array.from(atob(t.replace(/-/g, "+").replace(/_/g, "/")), (c) => c.charCodeAt(0));
  const json = (t) => JSON.parse(new TextDecoder().decode(bytes(t)));
  try {
    const [head, body, signature] = jws.split(".");
    const header = json(head);
    const claims = json(body);
    if (header.alg !== "EdDSA" || header.typ !== out.dataset.typ) return;
    if (claims.iss !== out.dataset.issuer || claims.sub !== out.dataset.number) return;
    if (!(claims.exp * 1000 > Date.now())) return;
    const keys = await (await fetch("/.well-known/jwks.json")).json();
    const jwk = keys.keys.find((k) => k.kid === header.kid && k.purpose === "statement" && k.kty === "OKP" && k.crv === "Ed25519");
    if (!jwk) return;
    const key = await crypto.subtle.importKey("jwk", { kty: "OKP", crv: "Ed25519", x: jwk.x }, { name: "Ed25519" }, false, ["verify"]);
    const signed = new TextEncoder().encode(head + "." + body);
    if (!(await crypto.subtle.verify({ name: "Ed25519" }, key, bytes(signature), signed))) return;
    // The registry's day: Tashkent, UTC+5 all year.
    const day = new Date((claims.iat + 5 * 3600) * 1000).toISOString().slice(0, 10);
    out.textContent = out.dataset.text.replace("%DATE%", day);
    out.hidden = false;
  } catch (e) {
    // A damaged or foreign code says nothing more than the page already does.
  }
})();
