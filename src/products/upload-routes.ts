import type { UploadRoute } from '../common/multipart';
import { MAX_IMAGE_BYTES } from './images/image-encoding';

/** The largest CSV file an import takes: 10,000 rows of full descriptions fit well within it. */
export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;

/** The catalog's multipart forms: the product form with its **Image**, and the CSV import. */
export const PRODUCT_UPLOAD_ROUTES: UploadRoute[] = [
  { path: /^\/admin\/products(\/\d+)?$/, field: 'image', maxBytes: MAX_IMAGE_BYTES },
  { path: /^\/admin\/products\/import$/, field: 'file', maxBytes: MAX_IMPORT_BYTES },
];
