import type { RequestHandler } from 'express';
import helmet from 'helmet';

/**
 * The security headers of every answer (helmet with our CSP), one place for the app and for the
 * stack-floor benchmark, which measures what they cost (scripts/perf/bare-nest-shop.cjs).
 */
export function securityHeaders(options: { production: boolean }): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"], // no inline script, ever: htmx is configured by a <meta> tag
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        // Only behind HTTPS: on plain http (a first local start) it would break every asset.
        upgradeInsecureRequests: options.production ? [] : null,
      },
    },
    strictTransportSecurity: options.production,
  });
}
