/** The Sitrep version this site reports in `GET /api/v1/health`. */
export const SITE_VERSION = '0.1.0'
