/*
 * The libxmlsec1 floor: the least work any libxmlsec1-based SAML verifier can do per message.
 * For every file named on the command line: read it, parse it with libxml2, register the ID
 * attributes, find the first ds:Signature and verify it with xmlSecDSigCtxVerify under a key
 * loaded once at start-up (no KeyInfo lookup, no keys manager). No SAML rules, no report.
 * The key is a PEM public key (`-----BEGIN PUBLIC KEY-----`, what samlcheck hands libxmlsec1)
 * or a certificate; with a certificate every per-message key copy re-decodes it (X509_dup
 * through OpenSSL 3's decoders, ~100 µs), so the benchmark's batch floor uses the public key.
 *
 * Build: cc -O2 floor.c $(pkg-config --cflags --libs xmlsec1) -o floor
 * Usage: floor KEY.pem FILE...       prints "<valid> of <n> valid in <seconds> s"
 * Used by scripts/bench-floor.sh, which runs samlcheck on the same files in the same run.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <xmlsec/xmlsec.h>
#include <xmlsec/xmltree.h>
#include <xmlsec/xmldsig.h>
#include <xmlsec/crypto.h>

#include "slurp.h"


int main(int argc, char **argv) {
    if (argc < 3) { fprintf(stderr, "usage: floor CERT.pem FILE...\n"); return 2; }
    xmlInitParser();
    if (xmlSecInit() < 0 || xmlSecCryptoAppInit(NULL) < 0 || xmlSecCryptoInit() < 0) {
        fprintf(stderr, "floor: libxmlsec1 initialisation failed\n");
        return 2;
    }
    long klen = 0;
    char *kpem = slurp(argv[1], &klen);
    int cert = kpem && strstr(kpem, "BEGIN CERTIFICATE") != NULL;
    free(kpem);
    xmlSecKeyPtr key = xmlSecCryptoAppKeyLoad(argv[1], cert ? xmlSecKeyDataFormatCertPem : xmlSecKeyDataFormatPem, NULL, NULL, NULL);
    if (!key) { fprintf(stderr, "floor: cannot load %s\n", argv[1]); return 2; }
    static const xmlChar *ids[] = { BAD_CAST "ID", NULL };
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    int valid = 0, n = 0;
    for (int i = 2; i < argc; i++) {
        long len = 0;
        char *buf = slurp(argv[i], &len);
        if (!buf) continue;
        n++;
        xmlDocPtr doc = xmlReadMemory(buf, (int)len, NULL, NULL, XML_PARSE_NONET);
        free(buf);
        if (!doc) continue;
        xmlNodePtr root = xmlDocGetRootElement(doc);
        xmlSecAddIDs(doc, root, ids);
        xmlNodePtr sig = xmlSecFindNode(root, xmlSecNodeSignature, xmlSecDSigNs);
        if (sig) {
            xmlSecDSigCtxPtr ctx = xmlSecDSigCtxCreate(NULL);
            ctx->signKey = xmlSecKeyDuplicate(key);
            if (xmlSecDSigCtxVerify(ctx, sig) == 0 && ctx->status == xmlSecDSigStatusSucceeded) valid++;
            xmlSecDSigCtxDestroy(ctx);
        }
        xmlFreeDoc(doc);
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double s = (t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9;
    printf("%d of %d valid in %.3f s\n", valid, n, s);
    xmlSecKeyDestroy(key);
    xmlSecCryptoShutdown();
    xmlSecCryptoAppShutdown();
    xmlSecShutdown();
    xmlCleanupParser();
    return valid == n ? 0 : 1;
}
