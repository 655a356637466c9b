export {
  generateSecret,
  isValidSecret,
  InvalidSecretError,
  secretPrefix,
  secretProblem,
} from './webhook-secret';
export {
  generateSigningKey,
  isValidPublicKey,
  isValidSigningKey,
  publicKeyOf,
  publicKeyPrefix,
  signingKeyPrefix,
} from './webhook-signing-key';
export { asymmetricVersion } from './webhook.asymmetric';
export {
  sign,
  signatureHeaders,
  type SignInput,
  type WebhookSignatureHeaders,
} from './webhook.signature';
export {
  defaultToleranceSeconds,
  verify,
  type HeaderBag,
  type VerifyInput,
  type VerifyResult,
} from './webhook.verify';
