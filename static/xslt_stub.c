/* samlcheck's static build: libxmlsec1.a references libxslt for the XSLT transform, which
 * Debian ships only as a shared library. samlcheck refuses the XSLT transform before
 * libxmlsec1 sees a signature (only enveloped-signature and C14N transforms are enabled),
 * so instead of linking libxslt these definitions make any XSLT use fail closed:
 * no stylesheet is ever parsed or applied. Security-preference calls made while libxmlsec1
 * initialises succeed on a dummy object so initialisation stays silent. */
#include <stddef.h>

static int samlcheck_xslt_prefs_dummy;

void *xsltNewSecurityPrefs(void) { return &samlcheck_xslt_prefs_dummy; }
void xsltFreeSecurityPrefs(void *sec) { (void)sec; }
int xsltSetSecurityPrefs(void *sec, int option, void *func) { (void)sec; (void)option; (void)func; return 0; }
void *xsltGetSecurityPrefs(void *sec, int option) { (void)sec; (void)option; return NULL; }
int xsltSecurityForbid(void *sec, void *ctxt, const char *value) { (void)sec; (void)ctxt; (void)value; return 0; }
int xsltSetCtxtSecurityPrefs(void *sec, void *ctxt) { (void)sec; (void)ctxt; return -1; }
void *xsltParseStylesheetDoc(void *doc) { (void)doc; return NULL; }
void xsltFreeStylesheet(void *style) { (void)style; }
void *xsltNewTransformContext(void *style, void *doc) { (void)style; (void)doc; return NULL; }
void xsltFreeTransformContext(void *ctxt) { (void)ctxt; }
void *xsltApplyStylesheetUser(void *style, void *doc, const char **params, const char *output,
                              void *profile, void *userCtxt) {
    (void)style; (void)doc; (void)params; (void)output; (void)profile; (void)userCtxt;
    return NULL;
}
int xsltSaveResultTo(void *buf, void *result, void *style) { (void)buf; (void)result; (void)style; return -1; }
