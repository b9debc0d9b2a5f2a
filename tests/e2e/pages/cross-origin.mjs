// Points each marked element at the same data on the other loopback name (127.0.0.1 and
// localhost are different origins), before the loader (the next module script) mounts readers.
// The port is only known when the page is served, so the markup cannot spell the address.
const other = new URL("/", location.href);
other.hostname = other.hostname === "localhost" ? "127.0.0.1" : "localhost";
for (const element of document.querySelectorAll("[data-other-site-path]")) {
  element.setAttribute("data-lianluo-src", new URL(element.dataset.otherSitePath, other).href);
}
