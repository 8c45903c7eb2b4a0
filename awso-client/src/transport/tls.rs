//! Trusted roots: the Mozilla roots (`webpki-roots`), or the PEM bundle of `AWS_CA_BUNDLE` /
//! `ca_bundle` instead of them, as botocore and the AWS CLI use it.

use awso_runtime::Error;

/// The DER certificates of a PEM bundle; an error when it holds none.
pub(crate) fn pem_certificates(pem: &[u8]) -> awso_runtime::Result<Vec<Vec<u8>>> {
    let text = std::str::from_utf8(pem).map_err(|_| Error::message("CA bundle: not PEM text"))?;
    let mut certs = Vec::new();
    let mut rest = text;
    const BEGIN: &str = "-----BEGIN CERTIFICATE-----";
    const END: &str = "-----END CERTIFICATE-----";
    while let Some(start) = rest.find(BEGIN) {
        let body = &rest[start + BEGIN.len()..];
        let end = body
            .find(END)
            .ok_or_else(|| Error::message("CA bundle: a certificate without its END line"))?;
        let b64: String = body[..end].split_whitespace().collect();
        let der = awso_runtime::Blob::from_base64(&b64)
            .map_err(|_| Error::message("CA bundle: a certificate that is not base64"))?;
        certs.push(der.into_inner());
        rest = &body[end + END.len()..];
    }
    if certs.is_empty() {
        return Err(Error::message("CA bundle: no PEM certificate in it"));
    }
    Ok(certs)
}

/// A rustls configuration (ring) trusting the bundle, else the Mozilla roots.
#[cfg(all(feature = "reqwest", feature = "rustls"))]
pub(crate) fn rustls_config(
    ca_bundle: Option<&[u8]>,
) -> awso_runtime::Result<rustls::ClientConfig> {
    let mut roots = rustls::RootCertStore::empty();
    match ca_bundle {
        Some(pem) => {
            for der in pem_certificates(pem)? {
                roots
                    .add(rustls::pki_types::CertificateDer::from(der))
                    .map_err(|e| Error::message(format!("CA bundle: {e}")))?;
            }
        }
        None => roots.extend(webpki_roots::TLS_SERVER_ROOTS.iter().cloned()),
    }
    Ok(
        rustls::ClientConfig::builder_with_provider(std::sync::Arc::new(
            rustls::crypto::ring::default_provider(),
        ))
        .with_safe_default_protocol_versions()
        .map_err(|e| Error::message(format!("TLS: {e}")))?
        .with_root_certificates(roots)
        .with_no_client_auth(),
    )
}
