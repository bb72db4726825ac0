/* The holder page: a code read by the camera is sent like a typed one, in the form's body. */
'use strict';

window.Stadspas.onCardCode = function (code) {
  const form = document.getElementById('holder-form');
  document.getElementById('qr').value = code;
  form.requestSubmit();
};
