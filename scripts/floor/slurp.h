/* The whole file at `path`, NUL-terminated, its length in *len (NULL when it cannot be read).
 * Shared by floor.c and sign.c, each compiled on its own. */
#ifndef SAMLCHECK_SLURP_H
#define SAMLCHECK_SLURP_H
#include <stdio.h>
#include <stdlib.h>

static char *slurp(const char *path, long *len) {
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    fseek(f, 0, SEEK_END);
    *len = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc(*len + 1);
    if (buf && fread(buf, 1, *len, f) != (size_t)*len) { free(buf); buf = NULL; }
    if (buf) buf[*len] = 0;
    fclose(f);
    return buf;
}

#endif
