import sharp from 'sharp';

const CATEGORY_COLOURS: Record<string, string> = {
  Kitchen: '#2f6f8f', Clothing: '#8f3f5f', Stationery: '#5f6f2f', Toys: '#c0762b', Home: '#6a4f9a', Outdoor: '#2f7f5f',
};

/** One of three soft shapes behind the initial, so neighbouring cards differ. */
function shape(index: number): string {
  switch (index % 3) {
    case 0: return '<circle cx="480" cy="360" r="210" fill="#fff" fill-opacity="0.22"/>';
    case 1: return '<rect x="280" y="160" width="400" height="400" rx="56" fill="#fff" fill-opacity="0.22"/>';
    default: return '<path d="M480 130 L710 360 L480 590 L250 360 Z" fill="#fff" fill-opacity="0.22"/>';
  }
}

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * A demo product's picture, drawn at seed time: its initial on a shape, on its category's
 * colour. Rendered to PNG, then stored through the same encoding as any upload.
 */
export function drawDemoImage(name: string, category: string, index: number): Promise<Buffer> {
  const colour = CATEGORY_COLOURS[category] ?? '#4a5a6a';
  const initial = escapeXml(name.trim().charAt(0).toUpperCase());
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="960" height="720">
    <rect width="960" height="720" fill="${colour}"/>${shape(index)}
    <text x="480" y="435" font-family="sans-serif" font-size="220" font-weight="700" fill="#fff" text-anchor="middle">${initial}</text>
  </svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}
