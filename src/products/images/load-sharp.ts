import type Sharp from 'sharp';

let loading: Promise<typeof Sharp> | undefined;

/**
 * sharp (libvips: about 20 MB of a process's memory) is loaded the first time a picture is
 * encoded or drawn, not at start: most processes serve pages and never make one.
 */
export function loadSharp(): Promise<typeof Sharp> {
  loading ??= import('sharp').then((module) => module.default);
  return loading;
}
