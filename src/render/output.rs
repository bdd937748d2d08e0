//! Where rendered files go: [`OutputFile`], and the [`FileSink`] that takes each file as soon
//! as it is made (written by a build, dropped by a check, kept in memory by `serve`), with
//! large files streamed. Owns nothing about what a file holds or where a sink puts it.

/// One file of the generated site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    /// Relative to the output folder, `/`-separated.
    pub path: String,
    pub bytes: Vec<u8>,
}

/// Where rendered files go as soon as they are made: written to the staging folder by a
/// build, dropped by a check, kept in memory by `serve`. Called from several threads at once.
pub type Sink<'s> = &'s dyn FileSink;

/// A writer a large file is streamed into.
pub trait Stream: std::io::Write + Send {}

impl<T: std::io::Write + Send> Stream for T {}

/// What takes the rendered files: any `Fn(OutputFile)` closure, or a writer of its own that
/// also streams large files (`site.json` of a large site is hundreds of megabytes) without
/// holding them whole.
pub trait FileSink: Sync {
    /// Takes a finished file.
    fn file(&self, file: OutputFile) -> std::io::Result<()>;

    /// Takes the file at `path` as `write` writes it. By default it is collected and handed
    /// to [`FileSink::file`].
    fn stream(
        &self,
        path: &str,
        write: &mut dyn FnMut(&mut dyn Stream) -> Result<(), String>,
    ) -> std::io::Result<()> {
        let mut bytes = Vec::new();
        // A file that could not be made is the caller's problem to report (see
        // `Renderer::emit_stream`); the sink only fails for writing.
        let _ = write(&mut bytes);
        self.file(OutputFile {
            path: path.to_string(),
            bytes,
        })
    }
}

impl<F: Fn(OutputFile) -> std::io::Result<()> + Sync> FileSink for F {
    fn file(&self, file: OutputFile) -> std::io::Result<()> {
        self(file)
    }
}

/// Where a check sends rendered files: nowhere, without collecting even the large ones.
pub struct Discard;

impl FileSink for Discard {
    fn file(&self, _: OutputFile) -> std::io::Result<()> {
        Ok(())
    }

    fn stream(
        &self,
        _: &str,
        write: &mut dyn FnMut(&mut dyn Stream) -> Result<(), String>,
    ) -> std::io::Result<()> {
        let _ = write(&mut std::io::sink());
        Ok(())
    }
}
