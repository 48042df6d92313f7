/*
 * The C side of samlcheck's FFI rooms (src/xml/, src/signature/xmlsec.rs, src/ossl/): the few
 * things Rust cannot reach through a plain function call, compiled by build.rs against the
 * installed headers with pkg-config's flags for xmlsec1-openssl.
 *
 * What lives here, and why it is C rather than a Rust declaration:
 *  - libxmlsec1 struct fields (xmlSecDSigCtx, its reference list and contexts): their layout
 *    changes between libxmlsec1 releases and with build options such as XMLSEC_NO_SIZE_T,
 *    which only the headers know;
 *  - macros: the library's version checks and version string, libxml2's xmlFree (a variable
 *    or a per-thread lookup, depending on how libxml2 was built), OPENSSL_free;
 *  - OpenSSL functions renamed between 1.1 and 3 (a key's type, size and equality) and the
 *    file name of the libssl that matches the libcrypto samlcheck links (src/ossl/tls.rs loads
 *    it only to fetch metadata over https);
 *  - the offsets of the libxml2 node fields src/xml/ffi.rs declares, so a unit test proves
 *    the Rust declaration matches the C compiler's (libxml2 keeps them as public ABI).
 *
 * Nothing here decides anything: which key, which transforms and which references are
 * allowed is Rust's (src/signature/xmlsec.rs). Every function checks its pointers.
 */
#include <stddef.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <xmlsec/xmlsec.h>
#include <xmlsec/keys.h>
#include <xmlsec/transforms.h>
#include <xmlsec/xmldsig.h>
#include <xmlsec/openssl/app.h>
#include <xmlsec/openssl/crypto.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/opensslv.h>

/* 0 when libxmlsec1 (with its OpenSSL back end) is ready, else which step failed: 1 the
 * version check (headers and library disagree), 2 xmlSecInit, 3 the crypto application layer,
 * 4 the crypto library. Called once, under a Rust `Once`, after libxml2's own initialisation
 * (src/xml/tree.rs). */
int samlcheck_xmlsec_init(void) {
    if (xmlSecInit() < 0) {
        return 2;
    }
    if (xmlSecCheckVersion() != 1) {
        return 1;
    }
    if (xmlSecOpenSSLAppInit(NULL) < 0) {
        return 3;
    }
    if (xmlSecOpenSSLInit() < 0) {
        return 4;
    }
    return 0;
}

/* The libxmlsec1 version this binary was built against (the version check above makes the
 * running library ABI-compatible with it). */
const char *samlcheck_xmlsec_version(void) {
    return XMLSEC_VERSION;
}

/* Frees a string libxml2 allocated. */
void samlcheck_xml_free(void *p) {
    if (p != NULL) {
        xmlFree(p);
    }
}

/* OpenSSL's password callback for the keys samlcheck reads: no password. Without one OpenSSL
 * asks on the terminal, and a run would wait for an answer. */
static int samlcheck_no_password(char *buf, int size, int rwflag, void *u) {
    (void)buf;
    (void)size;
    (void)rwflag;
    (void)u;
    return 0;
}

/* A private key (or key and certificate) in PEM, for decryption; NULL when it does not load
 * (an encrypted key included: it is never prompted for). */
xmlSecKeyPtr samlcheck_key_load_pem(const unsigned char *data, size_t len) {
    if (data == NULL || len > 0x7fffffff) {
        return NULL;
    }
    return xmlSecOpenSSLAppKeyLoadMemory(data, (xmlSecSize)len, xmlSecKeyDataFormatPem, NULL,
                                         (void *)samlcheck_no_password, NULL);
}

/* Gives `key` to the context as its only key (it destroys it), keeps every SignedInfo
 * reference's context after verification (for its status and pre-digest buffer), and allows
 * only empty and same-document Reference URIs. 0 on success. */
int samlcheck_dsig_prepare(xmlSecDSigCtxPtr ctx, xmlSecKeyPtr key) {
    if (ctx == NULL || key == NULL || ctx->signKey != NULL) {
        return -1;
    }
    ctx->signKey = key;
    ctx->flags |= XMLSEC_DSIG_FLAGS_STORE_SIGNEDINFO_REFERENCES;
    ctx->enabledReferenceUris = xmlSecTransformUriTypeEmpty | xmlSecTransformUriTypeSameDocument;
    return 0;
}

/* The context's verdict after xmlSecDSigCtxVerify: 1 succeeded, 0 invalid, -1 unknown. */
int samlcheck_dsig_status(xmlSecDSigCtxPtr ctx) {
    if (ctx == NULL) {
        return -1;
    }
    switch (ctx->status) {
    case xmlSecDSigStatusSucceeded:
        return 1;
    case xmlSecDSigStatusInvalid:
        return 0;
    default:
        return -1;
    }
}

/* How many SignedInfo references the context kept. */
size_t samlcheck_dsig_reference_count(xmlSecDSigCtxPtr ctx) {
    if (ctx == NULL) {
        return 0;
    }
    return (size_t)xmlSecPtrListGetSize(&ctx->signedInfoReferences);
}

static xmlSecDSigReferenceCtxPtr reference(xmlSecDSigCtxPtr ctx, size_t i) {
    if (ctx == NULL || i >= samlcheck_dsig_reference_count(ctx)) {
        return NULL;
    }
    return (xmlSecDSigReferenceCtxPtr)xmlSecPtrListGetItem(&ctx->signedInfoReferences,
                                                           (xmlSecSize)i);
}

/* 1 when reference `i` failed its digest check, else 0. */
int samlcheck_dsig_reference_invalid(xmlSecDSigCtxPtr ctx, size_t i) {
    xmlSecDSigReferenceCtxPtr r = reference(ctx, i);
    return r != NULL && r->status == xmlSecDSigStatusInvalid;
}

/* Reference `i`'s pre-digest buffer (the canonical bytes it hashed), owned by the context;
 * NULL when there is none. */
const unsigned char *samlcheck_dsig_reference_predigest(xmlSecDSigCtxPtr ctx, size_t i,
                                                        size_t *len) {
    xmlSecDSigReferenceCtxPtr r = reference(ctx, i);
    xmlSecBufferPtr buf;
    if (len == NULL) {
        return NULL;
    }
    *len = 0;
    if (r == NULL) {
        return NULL;
    }
    buf = xmlSecDSigReferenceCtxGetPreDigestBuffer(r);
    if (buf == NULL || xmlSecBufferGetData(buf) == NULL) {
        return NULL;
    }
    *len = (size_t)xmlSecBufferGetSize(buf);
    return xmlSecBufferGetData(buf);
}

/* Offsets and sizes of the libxml2 fields src/xml/ffi.rs declares, in its order. */
static const size_t layout[] = {
    sizeof(xmlNode),
    offsetof(xmlNode, type),
    offsetof(xmlNode, name),
    offsetof(xmlNode, children),
    offsetof(xmlNode, parent),
    offsetof(xmlNode, next),
    offsetof(xmlNode, prev),
    offsetof(xmlNode, doc),
    offsetof(xmlNode, ns),
    offsetof(xmlNode, content),
    offsetof(xmlNode, properties),
    offsetof(xmlNode, nsDef),
    offsetof(xmlNode, line),
    offsetof(xmlAttr, type),
    offsetof(xmlAttr, name),
    offsetof(xmlAttr, children),
    offsetof(xmlAttr, parent),
    offsetof(xmlAttr, next),
    offsetof(xmlAttr, ns),
    sizeof(xmlNs),
    offsetof(xmlNs, next),
    offsetof(xmlNs, href),
    offsetof(xmlNs, prefix),
    XML_ELEMENT_NODE,
    XML_ATTRIBUTE_NODE,
    XML_TEXT_NODE,
    XML_CDATA_SECTION_NODE,
    XML_COMMENT_NODE,
    XML_PARSE_RECOVER,
    XML_PARSE_NOERROR,
    XML_PARSE_NOWARNING,
    XML_PARSE_NOBLANKS,
    XML_PARSE_NONET,
};

const size_t *samlcheck_xml_layout(size_t *n) {
    if (n == NULL) {
        return NULL;
    }
    *n = sizeof(layout) / sizeof(layout[0]);
    return layout;
}

/* A key's type as a NID (EVP_PKEY_RSA, EVP_PKEY_EC...), its size in bits, and whether two keys
 * hold the same public key (1), under OpenSSL 3's names or 1.1's. */
int samlcheck_pkey_base_id(const EVP_PKEY *k) {
    if (k == NULL) {
        return 0;
    }
#if OPENSSL_VERSION_NUMBER >= 0x30000000L
    return EVP_PKEY_get_base_id(k);
#else
    return EVP_PKEY_base_id(k);
#endif
}

int samlcheck_pkey_bits(const EVP_PKEY *k) {
    if (k == NULL) {
        return 0;
    }
#if OPENSSL_VERSION_NUMBER >= 0x30000000L
    return EVP_PKEY_get_bits(k);
#else
    return EVP_PKEY_bits(k);
#endif
}

int samlcheck_pkey_eq(const EVP_PKEY *a, const EVP_PKEY *b) {
    if (a == NULL || b == NULL) {
        return 0;
    }
#if OPENSSL_VERSION_NUMBER >= 0x30000000L
    return EVP_PKEY_eq(a, b);
#else
    return EVP_PKEY_cmp(a, b);
#endif
}

void samlcheck_openssl_free(void *p) {
    OPENSSL_free(p);
}

/* The libssl built with the libcrypto in these headers: "libssl.so.3", "libssl.so.1.1". */
#define SAMLCHECK_STR2(x) #x
#define SAMLCHECK_STR(x) SAMLCHECK_STR2(x)
const char *samlcheck_libssl_name(void) {
#if OPENSSL_VERSION_NUMBER >= 0x30000000L
    return "libssl.so." SAMLCHECK_STR(OPENSSL_SHLIB_VERSION);
#else
    return "libssl.so." SHLIB_VERSION_NUMBER;
#endif
}
