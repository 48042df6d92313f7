//! TLS for metadata downloads, as a ureq connector over OpenSSL's libssl.
//!
//! libssl is loaded when the first https URL is fetched (`dlopen` of the libssl built with the
//! libcrypto samlcheck links, its name from the headers), so a run that fetches nothing never
//! maps it. The `static` build links it in instead (a second, system libssl would bring its own
//! libcrypto).
//!
//! The server is checked as curl checks it: its chain against the system's trusted roots
//! (OpenSSL's default paths, so `SSL_CERT_FILE` and `SSL_CERT_DIR` apply, and, where those are
//! not set, the distribution's own bundle and folder, found as the `openssl-probe` crate finds
//! them: the portable build's OpenSSL was built for Debian's paths), its certificate against the
//! host name (or IP address) in the URL, partial wildcards (`f*.example.com`) refused; TLS 1.2 at
//! least; SNI for host names. The
//! TLS records travel through two memory BIOs between libssl and ureq's own TCP transport, so
//! ureq keeps its timeouts, redirects and body limits.

#![allow(unsafe_code)]

use std::ffi::{c_char, c_int, c_long, c_void, CStr, CString};
use std::io::{self, Read, Write};
use std::sync::OnceLock;

use ureq::unversioned::transport::{
    Buffers, ConnectionDetails, Either, LazyBuffers, NextTimeout, Transport, TransportAdapter,
};

use super::{errors, Bio};

opaque!(SslMethod, SslCtx, Ssl, VerifyParam, BioMethod);

extern "C" {
    fn BIO_new(m: *const BioMethod) -> *mut Bio;
    fn BIO_s_mem() -> *const BioMethod;
    fn BIO_read(b: *mut Bio, data: *mut c_void, len: c_int) -> c_int;
    fn BIO_write(b: *mut Bio, data: *const c_void, len: c_int) -> c_int;
    fn BIO_ctrl(b: *mut Bio, cmd: c_int, larg: c_long, parg: *mut c_void) -> c_long;
    fn X509_verify_cert_error_string(n: c_long) -> *const c_char;
    fn X509_VERIFY_PARAM_set1_ip_asc(p: *mut VerifyParam, ip: *const c_char) -> c_int;
    fn X509_VERIFY_PARAM_set_hostflags(p: *mut VerifyParam, flags: u32);
}

#[cfg(not(feature = "static"))]
extern "C" {
    fn samlcheck_libssl_name() -> *const c_char;
}

/// `BIO_CTRL_PENDING`, `SSL_CTRL_SET_TLSEXT_HOSTNAME`, `TLSEXT_NAMETYPE_host_name`,
/// `SSL_CTRL_SET_MIN_PROTO_VERSION`, `TLS1_2_VERSION`, `SSL_VERIFY_PEER` and the
/// `SSL_get_error` answers (bio.h, ssl.h, tls1.h: stable across OpenSSL 1.1 and 3).
const BIO_CTRL_PENDING: c_int = 10;
const SET_TLSEXT_HOSTNAME: c_int = 55;
const NAMETYPE_HOST_NAME: c_long = 0;
const SET_MIN_PROTO_VERSION: c_int = 123;
const TLS1_2_VERSION: c_long = 0x0303;
const VERIFY_PEER: c_int = 1;
/// `X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS` (x509v3.h), as curl and the `openssl` crate set it.
const NO_PARTIAL_WILDCARDS: u32 = 0x4;

/// The trusted-root bundles and folders of the common Linux distributions, in the order the
/// `openssl-probe` crate (which native-tls used) tries them: the first that exists is loaded
/// beside OpenSSL's default paths, unless `SSL_CERT_FILE` / `SSL_CERT_DIR` name others.
const ROOT_FILES: &[&str] = &[
    "/etc/ssl/certs/ca-certificates.crt", // Debian, Ubuntu, Gentoo
    "/etc/pki/ca-trust/extracted/pem/tls-ca-bundle.pem", // CentOS, RHEL 7+
    "/etc/pki/tls/certs/ca-bundle.crt",   // Fedora, RHEL 6
    "/etc/ssl/ca-bundle.pem",             // openSUSE
    "/etc/pki/tls/cacert.pem",            // OpenELEC
    "/etc/ssl/cert.pem",                  // Alpine
    "/opt/etc/ssl/certs/ca-certificates.crt", // Entware
];
const ROOT_DIRS: &[&str] = &["/etc/ssl/certs", "/etc/pki/tls/certs"];
const WANT_READ: c_int = 2;
const WANT_WRITE: c_int = 3;
const ZERO_RETURN: c_int = 6;

/// The libssl functions used, resolved once.
struct Lib {
    client_method: unsafe extern "C" fn() -> *const SslMethod,
    ctx_new: unsafe extern "C" fn(*const SslMethod) -> *mut SslCtx,
    ctx_free: unsafe extern "C" fn(*mut SslCtx),
    ctx_default_paths: unsafe extern "C" fn(*mut SslCtx) -> c_int,
    ctx_set_verify: unsafe extern "C" fn(*mut SslCtx, c_int, *const c_void),
    ctx_ctrl: unsafe extern "C" fn(*mut SslCtx, c_int, c_long, *mut c_void) -> c_long,
    ctx_load_locations: unsafe extern "C" fn(*mut SslCtx, *const c_char, *const c_char) -> c_int,
    new: unsafe extern "C" fn(*mut SslCtx) -> *mut Ssl,
    free: unsafe extern "C" fn(*mut Ssl),
    set_bio: unsafe extern "C" fn(*mut Ssl, *mut Bio, *mut Bio),
    set_connect_state: unsafe extern "C" fn(*mut Ssl),
    ctrl: unsafe extern "C" fn(*mut Ssl, c_int, c_long, *mut c_void) -> c_long,
    set1_host: unsafe extern "C" fn(*mut Ssl, *const c_char) -> c_int,
    get0_param: unsafe extern "C" fn(*mut Ssl) -> *mut VerifyParam,
    handshake: unsafe extern "C" fn(*mut Ssl) -> c_int,
    read: unsafe extern "C" fn(*mut Ssl, *mut c_void, c_int) -> c_int,
    write: unsafe extern "C" fn(*mut Ssl, *const c_void, c_int) -> c_int,
    get_error: unsafe extern "C" fn(*const Ssl, c_int) -> c_int,
    verify_result: unsafe extern "C" fn(*const Ssl) -> c_long,
}

#[cfg(feature = "static")]
extern "C" {
    fn TLS_client_method() -> *const SslMethod;
    fn SSL_CTX_new(m: *const SslMethod) -> *mut SslCtx;
    fn SSL_CTX_free(c: *mut SslCtx);
    fn SSL_CTX_set_default_verify_paths(c: *mut SslCtx) -> c_int;
    fn SSL_CTX_set_verify(c: *mut SslCtx, mode: c_int, cb: *const c_void);
    fn SSL_CTX_ctrl(c: *mut SslCtx, cmd: c_int, larg: c_long, parg: *mut c_void) -> c_long;
    fn SSL_CTX_load_verify_locations(
        c: *mut SslCtx,
        file: *const c_char,
        dir: *const c_char,
    ) -> c_int;
    fn SSL_new(c: *mut SslCtx) -> *mut Ssl;
    fn SSL_free(s: *mut Ssl);
    fn SSL_set_bio(s: *mut Ssl, r: *mut Bio, w: *mut Bio);
    fn SSL_set_connect_state(s: *mut Ssl);
    fn SSL_ctrl(s: *mut Ssl, cmd: c_int, larg: c_long, parg: *mut c_void) -> c_long;
    fn SSL_set1_host(s: *mut Ssl, host: *const c_char) -> c_int;
    fn SSL_get0_param(s: *mut Ssl) -> *mut VerifyParam;
    fn SSL_do_handshake(s: *mut Ssl) -> c_int;
    fn SSL_read(s: *mut Ssl, buf: *mut c_void, n: c_int) -> c_int;
    fn SSL_write(s: *mut Ssl, buf: *const c_void, n: c_int) -> c_int;
    fn SSL_get_error(s: *const Ssl, ret: c_int) -> c_int;
    fn SSL_get_verify_result(s: *const Ssl) -> c_long;
}

#[cfg(feature = "static")]
fn load() -> Result<Lib, String> {
    Ok(Lib {
        client_method: TLS_client_method,
        ctx_new: SSL_CTX_new,
        ctx_free: SSL_CTX_free,
        ctx_default_paths: SSL_CTX_set_default_verify_paths,
        ctx_set_verify: SSL_CTX_set_verify,
        ctx_ctrl: SSL_CTX_ctrl,
        ctx_load_locations: SSL_CTX_load_verify_locations,
        new: SSL_new,
        free: SSL_free,
        set_bio: SSL_set_bio,
        set_connect_state: SSL_set_connect_state,
        ctrl: SSL_ctrl,
        set1_host: SSL_set1_host,
        get0_param: SSL_get0_param,
        handshake: SSL_do_handshake,
        read: SSL_read,
        write: SSL_write,
        get_error: SSL_get_error,
        verify_result: SSL_get_verify_result,
    })
}

#[cfg(not(feature = "static"))]
fn load() -> Result<Lib, String> {
    // SAFETY: a static NUL-terminated string from the shim.
    let name = unsafe { CStr::from_ptr(samlcheck_libssl_name()) };
    let shown = name.to_string_lossy();
    // SAFETY: loads a shared library by name; the handle is kept for the life of the process
    // (never closed: the resolved functions stay in use).
    let handle = unsafe { libc::dlopen(name.as_ptr(), libc::RTLD_NOW | libc::RTLD_LOCAL) };
    if handle.is_null() {
        return Err(format!(
            "cannot load {shown}, OpenSSL's TLS library, for https: {}",
            dlerror()
        ));
    }
    macro_rules! resolve {
        ($sym:literal) => {
            // SAFETY: the handle is live; the name is NUL-terminated; the field's type spells
            // the C signature of the libssl function of that name (ssl.h, the same in OpenSSL
            // 1.1 and 3).
            unsafe { symbol(handle, concat!($sym, "\0"), &shown)? }
        };
    }
    Ok(Lib {
        client_method: resolve!("TLS_client_method"),
        ctx_new: resolve!("SSL_CTX_new"),
        ctx_free: resolve!("SSL_CTX_free"),
        ctx_default_paths: resolve!("SSL_CTX_set_default_verify_paths"),
        ctx_set_verify: resolve!("SSL_CTX_set_verify"),
        ctx_ctrl: resolve!("SSL_CTX_ctrl"),
        ctx_load_locations: resolve!("SSL_CTX_load_verify_locations"),
        new: resolve!("SSL_new"),
        free: resolve!("SSL_free"),
        set_bio: resolve!("SSL_set_bio"),
        set_connect_state: resolve!("SSL_set_connect_state"),
        ctrl: resolve!("SSL_ctrl"),
        set1_host: resolve!("SSL_set1_host"),
        get0_param: resolve!("SSL_get0_param"),
        handshake: resolve!("SSL_do_handshake"),
        read: resolve!("SSL_read"),
        write: resolve!("SSL_write"),
        get_error: resolve!("SSL_get_error"),
        verify_result: resolve!("SSL_get_verify_result"),
    })
}

/// The function `name` (NUL-terminated) of the library behind `handle`, as the function pointer
/// type `F`.
///
/// # Safety
/// `handle` is a live `dlopen` handle and `F` is the function pointer type of that C function.
#[cfg(not(feature = "static"))]
unsafe fn symbol<F: Copy>(handle: *mut c_void, name: &str, lib: &str) -> Result<F, String> {
    assert_eq!(std::mem::size_of::<F>(), std::mem::size_of::<*mut c_void>());
    // SAFETY: `name` is NUL-terminated (the caller's contract) and `handle` live.
    let p = unsafe { libc::dlsym(handle, name.as_ptr().cast()) };
    if p.is_null() {
        return Err(format!("{lib} has no {}", name.trim_end_matches('\0')));
    }
    // SAFETY: `p` is the function's address and `F` its pointer type (the caller's contract);
    // both are one pointer wide (asserted above).
    Ok(unsafe { std::mem::transmute_copy::<*mut c_void, F>(&p) })
}

#[cfg(not(feature = "static"))]
fn dlerror() -> String {
    // SAFETY: the calling thread's last dynamic-loader error, or null.
    let e = unsafe { libc::dlerror() };
    if e.is_null() {
        "unknown error".into()
    } else {
        // SAFETY: a NUL-terminated message owned by the loader.
        unsafe { CStr::from_ptr(e) }.to_string_lossy().into_owned()
    }
}

fn lib() -> Result<&'static Lib, String> {
    static LIB: OnceLock<Result<Lib, String>> = OnceLock::new();
    LIB.get_or_init(load).as_ref().map_err(Clone::clone)
}

/// An owned SSL_CTX.
struct Ctx(&'static Lib, *mut SslCtx);

impl Drop for Ctx {
    fn drop(&mut self) {
        // SAFETY: ours and live; the SSL objects made from it hold their own reference.
        unsafe { (self.0.ctx_free)(self.1) }
    }
}

/// A client context that verifies the server against the system's roots.
fn context(lib: &'static Lib) -> Result<Ctx, String> {
    // SAFETY: a new context we own (through the guard).
    let ctx = Ctx(lib, unsafe { (lib.ctx_new)((lib.client_method)()) });
    if ctx.1.is_null() {
        return Err(super::failed("cannot set up TLS"));
    }
    // SAFETY: a live context; a null callback keeps OpenSSL's own chain verification.
    unsafe {
        (lib.ctx_set_verify)(ctx.1, VERIFY_PEER, std::ptr::null());
        if (lib.ctx_default_paths)(ctx.1) != 1
            || (lib.ctx_ctrl)(
                ctx.1,
                SET_MIN_PROTO_VERSION,
                TLS1_2_VERSION,
                std::ptr::null_mut(),
            ) != 1
        {
            return Err(super::failed("cannot set up TLS"));
        }
    }
    load_distribution_roots(&ctx);
    Ok(ctx)
}

/// Adds the distribution's root bundle and folder ([`ROOT_FILES`], [`ROOT_DIRS`]) where the
/// environment does not name them.
fn load_distribution_roots(ctx: &Ctx) {
    let first = |candidates: &[&str], var: &str| -> Option<CString> {
        if std::env::var_os(var).is_some() {
            return None;
        }
        let found = candidates
            .iter()
            .find(|p| std::path::Path::new(p).exists())?;
        CString::new(*found).ok()
    };
    let file = first(ROOT_FILES, "SSL_CERT_FILE");
    let dir = first(ROOT_DIRS, "SSL_CERT_DIR");
    if file.is_none() && dir.is_none() {
        return;
    }
    let ptr = |c: &Option<CString>| c.as_ref().map_or(std::ptr::null(), |c| c.as_ptr());
    // SAFETY: a live context; both strings (or nulls) outlive the call, which copies them. A
    // bundle that does not load leaves the default paths in place.
    if unsafe { (ctx.0.ctx_load_locations)(ctx.1, ptr(&file), ptr(&dir)) } != 1 {
        errors();
    }
}

/// A TLS connection over ureq's transport: libssl reads from `rbio` what the network brought
/// and writes to `wbio` what goes out.
struct Stream {
    lib: &'static Lib,
    ssl: *mut Ssl,
    rbio: *mut Bio,
    wbio: *mut Bio,
    io: TransportAdapter,
}

// SAFETY: the SSL object is used only through `&mut self`, by one thread at a time; OpenSSL
// allows an SSL object to move between threads.
unsafe impl Send for Stream {}
// SAFETY: no method taking `&self` touches the SSL object.
unsafe impl Sync for Stream {}

impl std::fmt::Debug for Stream {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Stream(TLS)")
    }
}

impl Drop for Stream {
    fn drop(&mut self) {
        // SAFETY: ours; frees the two BIOs it owns too.
        unsafe { (self.lib.free)(self.ssl) }
    }
}

impl Stream {
    /// Connects TLS to `host` (a name, or an IP address without brackets) over `io`. A
    /// transport error (a timeout, a reset) comes back as ureq's own; a TLS failure as an I/O
    /// error saying "TLS: " and why.
    fn connect(host: &str, io: TransportAdapter) -> Result<Self, ureq::Error> {
        let tls = |e: String| ureq::Error::Io(io::Error::other(format!("TLS: {e}")));
        let lib = lib().map_err(tls)?;
        let ctx = context(lib).map_err(tls)?;
        let c_host = CString::new(host).map_err(|_| tls("the host name holds a NUL".into()))?;
        // SAFETY: a new SSL object we own; it takes its own reference to the context.
        let ssl = unsafe { (lib.new)(ctx.1) };
        if ssl.is_null() {
            return Err(tls(super::failed("cannot set up TLS")));
        }
        // SAFETY: two new memory BIOs; SSL_set_bio hands both to the SSL object, which frees
        // them with itself (a null one is handed over too and freed by `Drop` below as null).
        let (rbio, wbio) = unsafe { (BIO_new(BIO_s_mem()), BIO_new(BIO_s_mem())) };
        // SAFETY: `ssl` is live; ownership of the BIOs passes to it.
        unsafe { (lib.set_bio)(ssl, rbio, wbio) };
        let mut stream = Stream {
            lib,
            ssl,
            rbio,
            wbio,
            io,
        };
        if rbio.is_null() || wbio.is_null() {
            return Err(tls(super::failed("cannot set up TLS")));
        }
        let ip = host.parse::<std::net::IpAddr>().is_ok();
        // SAFETY: `ssl` is live and `c_host` outlives the calls (both copy it).
        let checks = unsafe {
            (lib.set_connect_state)(ssl);
            let param = (lib.get0_param)(ssl);
            if ip {
                X509_VERIFY_PARAM_set1_ip_asc(param, c_host.as_ptr()) == 1
            } else {
                X509_VERIFY_PARAM_set_hostflags(param, NO_PARTIAL_WILDCARDS);
                (lib.set1_host)(ssl, c_host.as_ptr()) == 1
                    && (lib.ctrl)(
                        ssl,
                        SET_TLSEXT_HOSTNAME,
                        NAMETYPE_HOST_NAME,
                        c_host.as_ptr().cast_mut().cast(),
                    ) == 1
            }
        };
        if !checks {
            return Err(tls(super::failed(&format!(
                "cannot check the server as {host}"
            ))));
        }
        stream.handshake()?;
        Ok(stream)
    }

    fn handshake(&mut self) -> Result<(), ureq::Error> {
        loop {
            // SAFETY: a live SSL object.
            let r = unsafe { (self.lib.handshake)(self.ssl) };
            let why = if r == 1 {
                0
            } else {
                // SAFETY: asked about the call just made, before anything else can touch the
                // thread's error queue.
                unsafe { (self.lib.get_error)(self.ssl, r) }
            };
            if let Err(e) = self.flush_out() {
                errors();
                return Err(e.into());
            }
            match why {
                0 => return Ok(()),
                WANT_READ => match self.fill_in() {
                    Ok(true) => {}
                    Ok(false) => {
                        errors();
                        return Err(ureq::Error::Io(io::Error::other(
                            "TLS: the server closed the connection during the handshake",
                        )));
                    }
                    Err(e) => {
                        errors();
                        return Err(e.into());
                    }
                },
                WANT_WRITE => {}
                _ => {
                    return Err(ureq::Error::Io(io::Error::other(format!(
                        "TLS: {}",
                        self.refused()
                    ))))
                }
            }
        }
    }

    /// Why the handshake failed: the certificate check's own reason when it failed.
    fn refused(&self) -> String {
        // SAFETY: a live SSL object.
        let v = unsafe { (self.lib.verify_result)(self.ssl) };
        if v != 0 {
            errors();
            // SAFETY: a static NUL-terminated string for any code.
            let why = unsafe { CStr::from_ptr(X509_verify_cert_error_string(v)) };
            return format!("certificate verify failed ({})", why.to_string_lossy());
        }
        super::failed("the TLS handshake failed")
    }

    /// Sends whatever libssl has written.
    fn flush_out(&mut self) -> io::Result<()> {
        let mut buf = [0u8; 16 * 1024];
        loop {
            // SAFETY: a live BIO owned by the SSL object.
            let pending = unsafe { BIO_ctrl(self.wbio, BIO_CTRL_PENDING, 0, std::ptr::null_mut()) };
            if pending <= 0 {
                return self.io.flush();
            }
            // SAFETY: reads at most `buf.len()` bytes into `buf`.
            let n = unsafe { BIO_read(self.wbio, buf.as_mut_ptr().cast(), buf.len() as c_int) };
            if n <= 0 {
                return self.io.flush();
            }
            self.io.write_all(&buf[..n as usize])?;
        }
    }

    /// Brings what the network has for libssl; false at the end of the connection.
    fn fill_in(&mut self) -> io::Result<bool> {
        let mut buf = [0u8; 16 * 1024];
        let n = self.io.read(&mut buf)?;
        if n == 0 {
            return Ok(false);
        }
        // SAFETY: a memory BIO takes a copy of the `n` bytes.
        let w = unsafe { BIO_write(self.rbio, buf.as_ptr().cast(), n as c_int) };
        if w != n as c_int {
            return Err(io::Error::other(super::failed("TLS buffer")));
        }
        Ok(true)
    }
}

impl Read for Stream {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let len = c_int::try_from(buf.len()).unwrap_or(c_int::MAX);
        loop {
            // SAFETY: libssl writes at most `len` bytes into `buf`.
            let r = unsafe { (self.lib.read)(self.ssl, buf.as_mut_ptr().cast(), len) };
            if r > 0 {
                return Ok(r as usize);
            }
            // SAFETY: asked about the call just made.
            match unsafe { (self.lib.get_error)(self.ssl, r) } {
                WANT_READ => {
                    self.flush_out()?;
                    if !self.fill_in()? {
                        // The server closed without close_notify; HTTP's own framing (length,
                        // chunks) tells a cut body from a whole one.
                        errors();
                        return Ok(0);
                    }
                }
                WANT_WRITE => self.flush_out()?,
                ZERO_RETURN => {
                    errors();
                    return Ok(0);
                }
                _ => return Err(io::Error::other(super::failed("TLS: reading failed"))),
            }
        }
    }
}

impl Write for Stream {
    fn write(&mut self, data: &[u8]) -> io::Result<usize> {
        if data.is_empty() {
            return Ok(0);
        }
        let len = c_int::try_from(data.len()).unwrap_or(c_int::MAX);
        loop {
            // SAFETY: libssl reads at most `len` bytes of `data`.
            let r = unsafe { (self.lib.write)(self.ssl, data.as_ptr().cast(), len) };
            if r > 0 {
                self.flush_out()?;
                return Ok(r as usize);
            }
            // SAFETY: asked about the call just made.
            match unsafe { (self.lib.get_error)(self.ssl, r) } {
                WANT_READ => {
                    self.flush_out()?;
                    if !self.fill_in()? {
                        return Err(io::ErrorKind::UnexpectedEof.into());
                    }
                }
                WANT_WRITE => self.flush_out()?,
                _ => return Err(io::Error::other(super::failed("TLS: writing failed"))),
            }
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        self.flush_out()
    }
}

/// A TLS connection as ureq's transport.
#[derive(Debug)]
pub struct Tls {
    buffers: LazyBuffers,
    stream: Stream,
}

impl Transport for Tls {
    fn buffers(&mut self) -> &mut dyn Buffers {
        &mut self.buffers
    }

    fn transmit_output(&mut self, amount: usize, timeout: NextTimeout) -> Result<(), ureq::Error> {
        self.stream.io.set_timeout(timeout);
        self.stream.write_all(&self.buffers.output()[..amount])?;
        Ok(())
    }

    fn await_input(&mut self, timeout: NextTimeout) -> Result<bool, ureq::Error> {
        self.stream.io.set_timeout(timeout);
        let input = self.buffers.input_append_buf();
        let n = self.stream.read(input)?;
        self.buffers.input_appended(n);
        Ok(n > 0)
    }

    fn is_open(&mut self) -> bool {
        self.stream.io.get_mut().is_open()
    }

    fn is_tls(&self) -> bool {
        true
    }
}

/// The connector: wraps the TCP transport in TLS for https URLs.
#[derive(Debug, Default)]
pub struct Connector;

impl<In: Transport> ureq::unversioned::transport::Connector<In> for Connector {
    type Out = Either<In, Tls>;

    fn connect(
        &self,
        details: &ConnectionDetails,
        chained: Option<In>,
    ) -> Result<Option<Self::Out>, ureq::Error> {
        let Some(transport) = chained else {
            return Ok(None);
        };
        if !details.needs_tls() || transport.is_tls() {
            return Ok(Some(Either::A(transport)));
        }
        let host = details.uri.host().unwrap_or("");
        let host = host
            .strip_prefix('[')
            .and_then(|h| h.strip_suffix(']'))
            .unwrap_or(host);
        let mut io = TransportAdapter::new(transport.boxed(), details.current_time.clone());
        io.set_timeout(details.timeout);
        let stream = Stream::connect(host, io)?;
        let buffers = LazyBuffers::new(
            details.config.input_buffer_size(),
            details.config.output_buffer_size(),
        );
        Ok(Some(Either::B(Tls { buffers, stream })))
    }
}
