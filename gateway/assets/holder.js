/* The holder page: a code read by the camera is sent like a typed one, in the form's body. */
'use strict';

/** @param {string} code */
window.Stadspas.onCardCode = function (code) {
  const { byId } = window.Stadspas;
  byId('qr', HTMLTextAreaElement).value = code;
  byId('holder-form', HTMLFormElement).requestSubmit();
};
