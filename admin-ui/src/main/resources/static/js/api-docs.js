/*
 * Starts Swagger UI on the console's API page (templates/api-docs/index.html). A static file rather than the
 * inline initializer Swagger UI ships with, so the console's Content-Security-Policy (script-src 'self') holds.
 * The document comes from the console (session cookie); "Try it out" calls the API with the bearer token entered
 * under "Authorize", which Swagger UI keeps in this page's memory only.
 */
(function () {
  'use strict';
  var root = document.getElementById('swagger-ui');
  if (!root || typeof window.SwaggerUIBundle !== 'function') {
    return;
  }
  window.SwaggerUIBundle({
    url: root.getAttribute('data-document-url'),
    domNode: root,
    // no third-party validator badge: the page talks to this admin only (connect-src 'self')
    validatorUrl: null,
    deepLinking: false,
    persistAuthorization: false,
    displayRequestDuration: true,
    docExpansion: 'list',
    defaultModelsExpandDepth: 0,
    tryItOutEnabled: false,
    presets: [window.SwaggerUIBundle.presets.apis],
    layout: 'BaseLayout'
  });
})();
