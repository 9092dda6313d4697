// Names follow Cloudflare's API ("SHA256WithRSA", "ECDSAWithSHA384") so what we report reads the same
// as what the API returns for an uploaded certificate.
export const SIGNATURE_ALGORITHMS: ReadonlyMap<string, string> = new Map([
  ['1.2.840.113549.1.1.2', 'MD2WithRSA'],
  ['1.2.840.113549.1.1.3', 'MD4WithRSA'],
  ['1.2.840.113549.1.1.4', 'MD5WithRSA'],
  ['1.2.840.113549.1.1.5', 'SHA1WithRSA'],
  ['1.2.840.113549.1.1.10', 'RSASSA-PSS'],
  ['1.2.840.113549.1.1.11', 'SHA256WithRSA'],
  ['1.2.840.113549.1.1.12', 'SHA384WithRSA'],
  ['1.2.840.113549.1.1.13', 'SHA512WithRSA'],
  ['1.2.840.113549.1.1.14', 'SHA224WithRSA'],
  ['1.3.14.3.2.29', 'SHA1WithRSA-OIW'],
  ['1.2.840.10045.4.1', 'ECDSAWithSHA1'],
  ['1.2.840.10045.4.3.1', 'ECDSAWithSHA224'],
  ['1.2.840.10045.4.3.2', 'ECDSAWithSHA256'],
  ['1.2.840.10045.4.3.3', 'ECDSAWithSHA384'],
  ['1.2.840.10045.4.3.4', 'ECDSAWithSHA512'],
  ['1.2.840.10040.4.3', 'DSAWithSHA1'],
  ['2.16.840.1.101.3.4.3.1', 'DSAWithSHA224'],
  ['2.16.840.1.101.3.4.3.2', 'DSAWithSHA256'],
  ['1.3.101.112', 'Ed25519'],
  ['1.3.101.113', 'Ed448'],
  ['1.2.156.10197.1.501', 'SM2WithSM3'],
  ['2.16.840.1.101.3.4.3.17', 'ML-DSA-44'],
  ['2.16.840.1.101.3.4.3.18', 'ML-DSA-65'],
  ['2.16.840.1.101.3.4.3.19', 'ML-DSA-87']
])

/** The BYO CA list from Cloudflare's documentation. */
export const CLOUDFLARE_SIGNATURE_ALGORITHMS: ReadonlySet<string> = new Set([
  'SHA1WithRSA',
  'SHA256WithRSA',
  'SHA384WithRSA',
  'SHA512WithRSA',
  'ECDSAWithSHA1',
  'ECDSAWithSHA256',
  'ECDSAWithSHA384',
  'ECDSAWithSHA512'
])

export const INSECURE_SIGNATURE_ALGORITHMS: ReadonlySet<string> = new Set(['MD2WithRSA', 'MD4WithRSA', 'MD5WithRSA'])
export const SHA1_SIGNATURE_ALGORITHMS: ReadonlySet<string> = new Set(['SHA1WithRSA', 'SHA1WithRSA-OIW', 'ECDSAWithSHA1', 'DSAWithSHA1'])

export const KEY_ALGORITHM = {
  RSA: '1.2.840.113549.1.1.1',
  RSA_PSS: '1.2.840.113549.1.1.10',
  EC: '1.2.840.10045.2.1',
  DSA: '1.2.840.10040.4.1',
  ED25519: '1.3.101.112',
  ED448: '1.3.101.113',
  X25519: '1.3.101.110',
  X448: '1.3.101.111'
} as const

export const CURVES: ReadonlyMap<string, string> = new Map([
  ['1.2.840.10045.3.1.1', 'P-192'],
  ['1.3.132.0.33', 'P-224'],
  ['1.2.840.10045.3.1.7', 'P-256'],
  ['1.3.132.0.34', 'P-384'],
  ['1.3.132.0.35', 'P-521'],
  ['1.3.132.0.10', 'secp256k1'],
  ['1.3.36.3.3.2.8.1.1.7', 'brainpoolP256r1'],
  ['1.3.36.3.3.2.8.1.1.11', 'brainpoolP384r1'],
  ['1.3.36.3.3.2.8.1.1.13', 'brainpoolP512r1'],
  ['1.2.156.10197.1.301', 'SM2']
])

/** Node/OpenSSL curve names → the NIST names we report. */
export const NODE_CURVE_NAMES: ReadonlyMap<string, string> = new Map([
  ['prime192v1', 'P-192'],
  ['secp224r1', 'P-224'],
  ['prime256v1', 'P-256'],
  ['secp384r1', 'P-384'],
  ['secp521r1', 'P-521'],
  ['secp256k1', 'secp256k1']
])

export const EXTENSION = {
  SUBJECT_KEY_IDENTIFIER: '2.5.29.14',
  KEY_USAGE: '2.5.29.15',
  SUBJECT_ALT_NAME: '2.5.29.17',
  BASIC_CONSTRAINTS: '2.5.29.19',
  AUTHORITY_KEY_IDENTIFIER: '2.5.29.35',
  EXT_KEY_USAGE: '2.5.29.37'
} as const

// Extensions a path validator (Go's crypto/x509, OpenSSL) understands; a critical extension outside this
// set makes them reject the certificate, so we must too.
export const KNOWN_EXTENSIONS: ReadonlySet<string> = new Set([
  '2.5.29.9', // subjectDirectoryAttributes
  '2.5.29.14',
  '2.5.29.15',
  '2.5.29.16', // privateKeyUsagePeriod
  '2.5.29.17',
  '2.5.29.18', // issuerAltName
  '2.5.29.19',
  '2.5.29.30', // nameConstraints
  '2.5.29.31', // cRLDistributionPoints
  '2.5.29.32', // certificatePolicies
  '2.5.29.33', // policyMappings
  '2.5.29.35',
  '2.5.29.36', // policyConstraints
  '2.5.29.37',
  '2.5.29.46', // freshestCRL
  '2.5.29.54', // inhibitAnyPolicy
  '1.3.6.1.5.5.7.1.1', // authorityInfoAccess
  '1.3.6.1.5.5.7.1.11', // subjectInfoAccess
  '1.3.6.1.5.5.7.1.24', // TLS feature (must-staple)
  '1.3.6.1.4.1.11129.2.4.2' // CT SCT list
])

export const EKU_CLIENT_AUTH = '1.3.6.1.5.5.7.3.2'
export const EKU_ANY = '2.5.29.37.0'

// RFC 4514 §3 names, plus the few others openssl prints by name, so subjects read like `openssl -nameopt RFC2253`.
export const ATTRIBUTE_NAMES: ReadonlyMap<string, string> = new Map([
  ['2.5.4.3', 'CN'],
  ['2.5.4.4', 'SN'],
  ['2.5.4.5', 'serialNumber'],
  ['2.5.4.6', 'C'],
  ['2.5.4.7', 'L'],
  ['2.5.4.8', 'ST'],
  ['2.5.4.9', 'STREET'],
  ['2.5.4.10', 'O'],
  ['2.5.4.11', 'OU'],
  ['2.5.4.12', 'title'],
  ['2.5.4.15', 'businessCategory'],
  ['2.5.4.17', 'postalCode'],
  ['2.5.4.42', 'GN'],
  ['2.5.4.43', 'initials'],
  ['2.5.4.44', 'generationQualifier'],
  ['2.5.4.46', 'dnQualifier'],
  ['2.5.4.65', 'pseudonym'],
  ['2.5.4.97', 'organizationIdentifier'],
  ['0.9.2342.19200300.100.1.1', 'UID'],
  ['0.9.2342.19200300.100.1.25', 'DC'],
  ['1.2.840.113549.1.9.1', 'emailAddress'],
  ['1.3.6.1.4.1.311.60.2.1.1', 'jurisdictionL'],
  ['1.3.6.1.4.1.311.60.2.1.2', 'jurisdictionST'],
  ['1.3.6.1.4.1.311.60.2.1.3', 'jurisdictionC']
])
