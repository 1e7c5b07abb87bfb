// Details webview script: turns clicks into messages. The extension validates every message
// (known action, known paper id, URL among the paper's links) before acting on it.
(function () {
  const vscode = acquireVsCodeApi();
  document.addEventListener('click', event => {
    const target = event.target instanceof Element ? event.target.closest('[data-action]') : null;
    if (!target) return;
    event.preventDefault();
    vscode.postMessage({
      action: target.getAttribute('data-action'),
      paperId: target.getAttribute('data-paper') || document.body.getAttribute('data-paper'),
      url: target.getAttribute('data-url') || undefined,
    });
  });
})();
