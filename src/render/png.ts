import { Resvg } from '@resvg/resvg-js';

/** Rasterises an SVG to PNG; throws if the native renderer is unavailable, so callers can fall back. */
export function svgToPng(svg: string, scale = 2): Buffer {
  const resvg = new Resvg(svg, { fitTo: { mode: 'zoom', value: scale }, font: { loadSystemFonts: true } });
  return resvg.render().asPng();
}
