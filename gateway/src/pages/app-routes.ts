import { DEVICE_CODE_MAX_LENGTH, deviceId, devicePublicKey, qrPayload } from '@stadspas/chaincode/vocabulary';
import express, { type Request, type RequestHandler, type Router } from 'express';
import { z } from 'zod';
import { rateLimitAnonymous } from '../auth/rate-limit';
import { validate } from '../http/validate';
import { blockCard, linkDevice, passOfHolderRequest, unlinkDevice } from '../services/holder-app';
import { APP_SCOPE, appBody, manifestOf } from './app-page';
import { holderView } from './holder-view';
import { commonScripts, type PageSender } from './page-sender';
import { appPage } from './page-set';
import type { PagesDeps } from './pages-router';
import { wordsOf } from './words';

const holderRequest = z.string().min(1).max(DEVICE_CODE_MAX_LENGTH);
const linkBody = z.strictObject({
  card: qrPayload,
  linkCode: z.string().min(1).max(40),
  publicKey: devicePublicKey,
});
const passBody = z.strictObject({ holderRequest, before: z.string().max(200).optional() });
const unlinkBody = z.strictObject({ holderRequest, deviceId });
const blockBody = z.strictObject({ holderRequest });

/** The scripts of the app's page. */
function appScripts(req: Request): readonly string[] {
  return ['vendor/jsQR.js', 'vendor/qrcode.js', ...commonScripts(req), 'camera.js', 'mijn.js'];
}

/**
 * The holder's app on this gateway: its page, manifest and service worker, and its JSON calls. Every call carries
 * the holder's own proof (the card and link code, or a request signed by the linked phone), which the chaincode
 * verifies on this organisation's own peer; the gateway runs them as its read-only identity. Refusals answer in
 * the API's error shape.
 */
export function appRoutes(router: Router, deps: PagesDeps, send: PageSender): void {
  const identity = deps.serviceIdentity;
  const limit = rateLimitAnonymous(deps.keyStore, deps.anonymousRateLimitPerMinute, deps.sessions);
  const json = express.json({ limit: '8kb', strict: true });
  const noStore: RequestHandler = (_req, res, next) => {
    res.set('Cache-Control', 'no-store');
    next();
  };

  router.get(APP_SCOPE, (req, res) => {
    if (!req.path.endsWith('/')) {
      res.redirect(308, APP_SCOPE);
      return;
    }
    const words = wordsOf(req);
    send(req, res, {
      title: words.t(appPage.title),
      body: appBody(words),
      scripts: appScripts(req),
      manifest: `${APP_SCOPE}manifest.webmanifest`,
    });
  });
  router.get(`${APP_SCOPE}manifest.webmanifest`, (req, res) => {
    res.type('application/manifest+json').send(JSON.stringify(manifestOf(wordsOf(req), appPage)));
  });
  router.post(`${APP_SCOPE}api/link`, limit, noStore, json, async (req, res) => {
    const body = validate(linkBody, req.body, 'body');
    const device = await linkDevice(deps.services, identity, body);
    res.status(201).json({ passId: device.passId, deviceId: device.deviceId, linkedAt: device.linkedAt });
  });
  router.post(`${APP_SCOPE}api/pass`, limit, noStore, json, async (req, res) => {
    const body = validate(passBody, req.body, 'body');
    const view = await holderView(
      deps.services,
      identity,
      { holderRequest: body.holderRequest },
      { readModel: deps.readModel, before: body.before },
    );
    res.json({ ...view, asOf: new Date().toISOString() });
  });
  router.post(`${APP_SCOPE}api/unlink`, limit, noStore, json, async (req, res) => {
    const body = validate(unlinkBody, req.body, 'body');
    const passId = passOfHolderRequest(body.holderRequest);
    const { result } = await unlinkDevice(deps.services, identity, { passId, ...body });
    res.json({ passId: result.passId, deviceId: result.deviceId, unlinkedAt: result.unlinkedAt });
  });
  router.post(`${APP_SCOPE}api/block-card`, limit, noStore, json, async (req, res) => {
    const body = validate(blockBody, req.body, 'body');
    res.json(await blockCard(deps.services, identity, body.holderRequest));
  });
}
