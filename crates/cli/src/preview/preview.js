// The live preview's side in the page, served by `lianluo serve` as /__lianluo/preview.js
// (a file of the page's own origin, so that a strict `script-src 'self'` allows it).
//
// It asks /__lianluo/status?since=N for the next build (the server answers once a build
// newer than N is done, or after a while with the same N), reloads the page when a new good
// build is served, and shows the problems of the newest build in a panel at the top.
(function () {
  "use strict";
  // The panel's words in the preview's language, filled in by the server.
  const TEXT = __LIANLUO_TEXT__;
  const PANEL_ID = "lianluo-preview-problems";
  // How long to wait before asking again when the preview cannot be reached (it was
  // stopped, or is starting again), in milliseconds.
  const RETRY_MS = 2000;

  // The build this page was served from, written into the script's address by the server;
  // 0 on the page that stands in while no build has succeeded.
  const served = Number(new URL(document.currentScript.src).searchParams.get("served")) || 0;

  function removePanel() {
    const old = document.getElementById(PANEL_ID);
    if (old) {
      old.remove();
    }
  }

  // The newest build's problems in a panel fixed at the top of the page: large and dark red
  // when it failed (the page is the last good build), small and yellow for a good build's
  // warnings. Plain DOM with textContent: the lines are an editor's text.
  function showProblems(status) {
    removePanel();
    if (status.problems.length === 0) {
      return;
    }
    const failed = !status.ok;
    const panel = document.createElement("section");
    panel.id = PANEL_ID;
    panel.setAttribute("role", failed ? "alert" : "status");
    Object.assign(panel.style, {
      position: "fixed",
      top: "0",
      left: "0",
      right: "0",
      zIndex: "2147483647",
      maxHeight: failed ? "50vh" : "25vh",
      overflow: "auto",
      margin: "0",
      padding: failed ? "12px 16px" : "6px 16px",
      background: failed ? "#7a0000" : "#fff3b0",
      color: failed ? "#ffffff" : "#000000",
      borderBottom: "3px solid #000000",
      font: (failed ? "16px" : "13px") + "/1.5 system-ui, sans-serif",
      textAlign: "left",
    });
    const hide = document.createElement("button");
    hide.type = "button";
    hide.textContent = TEXT.hide;
    Object.assign(hide.style, { float: "right", font: "inherit", cursor: "pointer" });
    hide.addEventListener("click", removePanel);
    const heading = document.createElement("strong");
    heading.textContent = failed ? TEXT.failed : TEXT.warnings;
    const list = document.createElement("ul");
    Object.assign(list.style, { margin: "4px 0 0", paddingLeft: "20px" });
    for (const line of status.problems) {
      const item = document.createElement("li");
      item.textContent = line;
      Object.assign(item.style, { whiteSpace: "pre-wrap", overflowWrap: "anywhere" });
      list.appendChild(item);
    }
    panel.append(hide, heading, list);
    (document.body || document.documentElement).appendChild(panel);
  }

  async function follow() {
    let since = 0;
    for (;;) {
      let status;
      try {
        const response = await fetch("/__lianluo/status?since=" + since, { cache: "no-store" });
        status = await response.json();
      } catch (unreachable) {
        await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
        continue;
      }
      const newBuild = since !== 0 && status.build !== since;
      // A new good build, or (on the stand-in page, which lists the problems itself) any
      // new build: the page as served now is the one to see.
      if (status.served !== served || (served === 0 && newBuild)) {
        location.reload();
        return;
      }
      if (served !== 0) {
        showProblems(status);
      }
      since = status.build;
    }
  }

  follow();
})();
