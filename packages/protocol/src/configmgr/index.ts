/** The ConfigMgr wire protocol's framing, text and header (browser-safe; zlib and RSA live at the edges). */
export { encodeUtf16le, encodeCcmBody, decodeCcmText, looksUtf16le, looksUtf16be } from './ccm-text.ts'
export {
  parseMultipart,
  buildMultipart,
  multipartBoundary,
  MultipartError,
  MULTIPART_MAX_PARTS,
  MULTIPART_MAX_PART_HEADER_BYTES,
} from './ccm-multipart.ts'
export type { MultipartPart } from './ccm-multipart.ts'
export {
  parseCcmMsgHeader,
  writeCcmMsgHeader,
  splitCcmPayload,
  CcmHeaderError,
  CCM_HEADER_MAX_CHARS,
  CCM_MAX_ATTACHMENTS,
} from './ccm-msg-header.ts'
export type { CcmMsgHeader, CcmMsgHeaderInput, CcmByteRange, CcmAttachmentRange } from './ccm-msg-header.ts'
