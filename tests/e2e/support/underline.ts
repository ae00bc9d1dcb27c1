/**
 * The marks' underline as drawn, for the tests of both browsers (Playwright's and Puppeteer's
 * `evaluate` take the same functions): a plain page, and a count of the underline's rows in a
 * screenshot of it.
 */

/** A page naming one person at its top, in plain black text on white: nothing else is red. */
export const PLAIN_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Plain</title></head>
<body style="margin: 16px; background: #fff; color: #000; font: 18px/1.6 serif">
<p>On Tuesday Vinod Khosla wrote again.</p></body></html>`;

/**
 * Runs in the page: how many rows of the PNG (base64) have a pixel of the marks' underline
 * colour, #b33a3a (lib/ui/marks.css), which the plain page's black text has none of.
 */
export const underlineRows = async (png: string): Promise<number> => {
  const image = new Image();
  image.src = `data:image/png;base64,${png}`;
  await image.decode();
  const canvas = document.createElement("canvas");
  canvas.width = image.width;
  canvas.height = image.height;
  const context = canvas.getContext("2d")!;
  context.drawImage(image, 0, 0);
  const { data } = context.getImageData(0, 0, image.width, image.height);
  let rows = 0;
  for (let y = 0; y < image.height; y++) {
    for (let x = 0; x < image.width; x++) {
      const [red = 0, green = 0, blue = 0] = data.subarray((y * image.width + x) * 4);
      if (red > 120 && red - green > 50 && red - blue > 50) {
        rows++;
        break;
      }
    }
  }
  return rows;
};
