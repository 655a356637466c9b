export { generateSecret, isValidSecret, InvalidSecretError, secretPrefix } from './webhook-secret';
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
