/*
 * Reads a card's QR code with the device's camera (jsQR, served by the gateway itself) and hands the code to the
 * page's own script through `Stadspas.onCardCode`. Without a camera, or without permission, the page says so and
 * the typed code still works.
 */
'use strict';

(function () {
  const { t } = window.Stadspas;
  const video = document.getElementById('camera');
  const start = document.getElementById('camera-start');
  const status = document.getElementById('camera-status');
  const canvas = document.createElement('canvas');
  const context = canvas.getContext('2d', { willReadFrequently: true });
  if (!(video instanceof HTMLVideoElement) || !start || !status || !context) {
    return;
  }
  /** @type {MediaStream | undefined} */
  let stream;

  const stop = () => {
    if (stream) {
      stream.getTracks().forEach((track) => track.stop());
      stream = undefined;
    }
    video.hidden = true;
    start.textContent = t('reader.start');
  };

  const look = () => {
    if (!stream) {
      return;
    }
    if (video.readyState >= 2 && video.videoWidth > 0) {
      canvas.width = video.videoWidth;
      canvas.height = video.videoHeight;
      context.drawImage(video, 0, 0);
      const picture = context.getImageData(0, 0, canvas.width, canvas.height);
      const code = window.jsQR(picture.data, picture.width, picture.height, {
        inversionAttempts: 'dontInvert',
      });
      if (code && code.data) {
        stop();
        status.textContent = t('reader.read');
        window.Stadspas.onCardCode?.(code.data);
        return;
      }
    }
    requestAnimationFrame(look);
  };

  start.addEventListener('click', async () => {
    if (stream) {
      stop();
      return;
    }
    if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
      status.textContent = t('reader.noCamera');
      return;
    }
    try {
      stream = await navigator.mediaDevices.getUserMedia({
        video: { facingMode: 'environment' },
        audio: false,
      });
    } catch (error) {
      status.textContent = t('reader.cameraError', {
        message: error instanceof Error ? error.message : String(error),
      });
      return;
    }
    video.srcObject = stream;
    video.hidden = false;
    start.textContent = t('reader.stop');
    status.textContent = t('reader.hold');
    await video.play();
    requestAnimationFrame(look);
  });
})();
