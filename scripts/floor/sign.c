/*
 * Distinct signed messages for the benchmarks: N copies of a template Response whose Assertion
 * ID is "_a1" and Response ID "_r1", each with its own IDs ("_a<i>", "_r<i>") and its own
 * signature, so every message passes and none is a replay of another. One process signs them
 * all with libxmlsec1 (the xmlsec1 CLI would take a process per message).
 *
 * Build: cc -O2 sign.c $(pkg-config --cflags --libs xmlsec1) -o sign
 * Usage: sign KEY.pem CERT.pem TEMPLATE.xml OUTDIR N   writes OUTDIR/m<i>.xml
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <xmlsec/xmlsec.h>
#include <xmlsec/xmltree.h>
#include <xmlsec/xmldsig.h>
#include <xmlsec/crypto.h>

#include "slurp.h"


/* `text` with every `from` replaced by `to` (a new string). */
static char *replace(const char *text, const char *from, const char *to) {
    size_t fl = strlen(from), tl = strlen(to), n = 0;
    for (const char *p = strstr(text, from); p; p = strstr(p + fl, from)) n++;
    char *out = malloc(strlen(text) + n * (tl + 1) + 1), *o = out;
    const char *p = text, *q;
    while ((q = strstr(p, from))) {
        memcpy(o, p, q - p); o += q - p;
        memcpy(o, to, tl); o += tl;
        p = q + fl;
    }
    strcpy(o, p);
    return out;
}

int main(int argc, char **argv) {
    if (argc != 6) { fprintf(stderr, "usage: sign KEY.pem CERT.pem TEMPLATE.xml OUTDIR N\n"); return 2; }
    xmlInitParser();
    if (xmlSecInit() < 0 || xmlSecCryptoAppInit(NULL) < 0 || xmlSecCryptoInit() < 0) return 2;
    xmlSecKeyPtr key = xmlSecCryptoAppKeyLoad(argv[1], xmlSecKeyDataFormatPem, NULL, NULL, NULL);
    if (!key || xmlSecCryptoAppKeyCertLoad(key, argv[2], xmlSecKeyDataFormatPem) < 0) {
        fprintf(stderr, "sign: cannot load %s / %s\n", argv[1], argv[2]);
        return 2;
    }
    long len = 0;
    char *tmpl = slurp(argv[3], &len);
    if (!tmpl) { fprintf(stderr, "sign: cannot read %s\n", argv[3]); return 2; }
    int n = atoi(argv[5]);
    static const xmlChar *ids[] = { BAD_CAST "ID", NULL };
    for (int i = 1; i <= n; i++) {
        char a[32], r[32], path[4096];
        snprintf(a, sizeof a, "\"_a%d\"", i);
        snprintf(r, sizeof r, "\"_r%d\"", i);
        char *x1 = replace(tmpl, "\"_a1\"", a), *x2 = replace(x1, "\"_r1\"", r);
        snprintf(a, sizeof a, "\"#_a%d\"", i);
        char *x3 = replace(x2, "\"#_a1\"", a);
        xmlDocPtr doc = xmlReadMemory(x3, (int)strlen(x3), NULL, NULL, XML_PARSE_NONET);
        free(x1); free(x2); free(x3);
        if (!doc) { fprintf(stderr, "sign: template does not parse\n"); return 1; }
        xmlNodePtr root = xmlDocGetRootElement(doc);
        xmlSecAddIDs(doc, root, ids);
        xmlNodePtr sig = xmlSecFindNode(root, xmlSecNodeSignature, xmlSecDSigNs);
        xmlSecDSigCtxPtr ctx = xmlSecDSigCtxCreate(NULL);
        ctx->signKey = xmlSecKeyDuplicate(key);
        if (!sig || xmlSecDSigCtxSign(ctx, sig) < 0) { fprintf(stderr, "sign: signing failed\n"); return 1; }
        xmlSecDSigCtxDestroy(ctx);
        snprintf(path, sizeof path, "%s/m%d.xml", argv[4], i);
        if (xmlSaveFile(path, doc) < 0) { fprintf(stderr, "sign: cannot write %s\n", path); return 1; }
        xmlFreeDoc(doc);
    }
    free(tmpl);
    xmlSecKeyDestroy(key);
    xmlSecCryptoShutdown();
    xmlSecCryptoAppShutdown();
    xmlSecShutdown();
    xmlCleanupParser();
    return 0;
}
