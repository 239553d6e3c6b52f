/**
 * Rasterises an SVG to PNG; throws if the native renderer is unavailable, so callers can fall back.
 * The renderer is imported on first use: most processes never draw, and it costs memory.
 */
export async function svgToPng(svg: string, scale = 2): Promise<Buffer> {
  const { Resvg } = await import('@resvg/resvg-js');
  const resvg = new Resvg(svg, { fitTo: { mode: 'zoom', value: scale }, font: { loadSystemFonts: true } });
  return resvg.render().asPng();
}
