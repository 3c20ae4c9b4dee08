// Starts Swagger UI on /openapi.json; a file rather than an inline script, so the CSP can forbid those.
"use strict";
window.addEventListener("DOMContentLoaded", () => {
  window.SwaggerUIBundle({ url: "/openapi.json", dom_id: "#swagger-ui", deepLinking: true });
});
