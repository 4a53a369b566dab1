// Redaction boxes drawn on a photo: drag over the picture to add a black box (shown at once), the
// boxes are sent in the photo's own pixels. Without this script the form takes one box as numbers.
(() => {
  'use strict';
  for (const form of document.querySelectorAll('.redact-form')) {
    const item = form.closest('.photo');
    const frame = item.querySelector('.photo__frame');
    const image = frame.querySelector('img');
    const field = form.querySelector('input[name="boxes"]');
    const drawn = form.querySelector('.redact__drawn');
    const width = Number(form.dataset.width);
    const height = Number(form.dataset.height);
    const boxes = [];
    let start = null;
    let outline = null;

    frame.classList.add('photo__frame--drawable');
    const clear = document.createElement('button');
    clear.type = 'button';
    clear.className = 'button button--secondary';
    clear.textContent = 'Ta bort rutorna';
    clear.hidden = true;
    drawn.after(clear);

    // From a pointer event to the photo's pixels (the picture is shown smaller than it is).
    const point = (event) => {
      const rect = image.getBoundingClientRect();
      const x = Math.min(Math.max(event.clientX - rect.left, 0), rect.width);
      const y = Math.min(Math.max(event.clientY - rect.top, 0), rect.height);
      return { x: Math.round(x * width / rect.width), y: Math.round(y * height / rect.height) };
    };

    const place = (element, box) => {
      element.style.left = `${box.x * 100 / width}%`;
      element.style.top = `${box.y * 100 / height}%`;
      element.style.width = `${box.width * 100 / width}%`;
      element.style.height = `${box.height * 100 / height}%`;
    };

    const boxBetween = (a, b) => ({
      x: Math.min(a.x, b.x), y: Math.min(a.y, b.y), width: Math.abs(a.x - b.x), height: Math.abs(a.y - b.y),
    });

    const update = () => {
      field.value = boxes.length ? JSON.stringify(boxes) : '';
      drawn.hidden = boxes.length === 0;
      clear.hidden = boxes.length === 0;
      drawn.textContent = boxes.length === 1 ? '1 ruta markerad.' : `${boxes.length} rutor markerade.`;
    };

    frame.addEventListener('pointerdown', (event) => {
      event.preventDefault();
      frame.setPointerCapture(event.pointerId);
      start = point(event);
      outline = document.createElement('div');
      outline.className = 'redact__box';
      frame.append(outline);
      place(outline, { ...start, width: 0, height: 0 });
    });
    frame.addEventListener('pointermove', (event) => {
      if (start) {
        place(outline, boxBetween(start, point(event)));
      }
    });
    frame.addEventListener('pointerup', (event) => {
      if (!start) {
        return;
      }

      const box = boxBetween(start, point(event));
      start = null;
      if (box.width < 2 || box.height < 2) {
        outline.remove();
        return;
      }

      place(outline, box);
      boxes.push(box);
      update();
    });
    clear.addEventListener('click', () => {
      boxes.length = 0;
      frame.querySelectorAll('.redact__box').forEach((box) => box.remove());
      update();
    });
  }
})();
