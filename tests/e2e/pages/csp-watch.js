// Records the page's Content-Security-Policy violations in `__violations` for the end-to-end
// suite. A classic script from the page's own origin: the policy allows it, and it runs before
// the reader's module script, so it sees the reader's whole load.
globalThis.__violations = [];
document.addEventListener(
  "securitypolicyviolation",
  (event) => globalThis.__violations.push(`${event.violatedDirective} ${event.blockedURI}`),
  true,
);
