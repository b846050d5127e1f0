//! Where `kakunin check` writes: each requested format streamed to its file or to standard output
//! while packs are checked, and the Markdown job summary that goes with `github` output.

use super::cannot_write;
use kakunin::app::{Output, PackOutcome, Run};
use kakunin::i18n::Lang;
use kakunin::report::{self, Context, Format, stream::Stream};
use std::io::{BufWriter, ErrorKind, Write};

/// One format on its way to its destination.
struct Destination<'a> {
    stream: Box<dyn Stream + 'a>,
    out: Box<dyn Write + 'a>,
    /// The destination as named in messages; `None` for standard output.
    path: Option<String>,
    /// Set when writing failed: nothing more goes there, and the run ends with the message.
    failed: Option<String>,
    /// Standard output was closed by its reader (`| head`): nothing more goes there, quietly.
    closed: bool,
}

impl Destination<'_> {
    fn record(&mut self, result: std::io::Result<()>, lang: Lang) {
        match result {
            Ok(()) => {}
            Err(e) if self.path.is_none() && e.kind() == ErrorKind::BrokenPipe => {
                self.closed = true;
            }
            Err(e) => self.failed = Some(cannot_write(self.path.as_deref(), &e, lang)),
        }
    }

    fn open(&self) -> bool {
        self.failed.is_none() && !self.closed
    }
}

/// Every destination of a run, and the job summary when one is wanted.
pub struct Outputs<'a> {
    destinations: Vec<Destination<'a>>,
    job_summary: Option<(Box<dyn Stream + 'a>, Vec<u8>)>,
    lang: Lang,
}

impl<'a> Outputs<'a> {
    /// Creates the files and writes each format's opening.
    pub fn open(
        outputs: &[Output],
        rules: &[String],
        ctx: &'a Context<'a>,
        job_summary: bool,
    ) -> Result<Self, String> {
        let mut destinations = Vec::new();
        for output in outputs {
            let path = output.path.as_ref().map(|p| p.display().to_string());
            let mut out: Box<dyn Write> = match &output.path {
                Some(file) => Box::new(BufWriter::new(
                    std::fs::File::create(file)
                        .map_err(|e| cannot_write(path.as_deref(), &e, ctx.lang))?,
                )),
                None => Box::new(BufWriter::new(std::io::stdout())),
            };
            let destination = match report::stream::start(output.format, rules, ctx, &mut out) {
                Ok(stream) => Destination {
                    stream,
                    out,
                    path,
                    failed: None,
                    closed: false,
                },
                Err(e) => return Err(cannot_write(path.as_deref(), &e, ctx.lang)),
            };
            destinations.push(destination);
        }
        let job_summary = if job_summary {
            let mut text = Vec::new();
            let stream = report::stream::start(Format::Markdown, rules, ctx, &mut text)
                .map_err(|e| cannot_write(None, &e, ctx.lang))?;
            Some((stream, text))
        } else {
            None
        };
        Ok(Outputs {
            destinations,
            job_summary,
            lang: ctx.lang,
        })
    }

    /// Writes one pack to every destination still open.
    pub fn pack(&mut self, pack: &PackOutcome) {
        for d in self.destinations.iter_mut().filter(|d| d.open()) {
            let result = d.stream.pack(pack, &mut d.out);
            d.record(result, self.lang);
        }
        if let Some((stream, text)) = &mut self.job_summary {
            // Writing into memory cannot fail.
            let _ = stream.pack(pack, text);
        }
    }

    /// Writes each format's end and flushes it. Returns the job summary's text, or the first
    /// failure to write.
    pub fn finish(mut self, run: &Run) -> Result<Option<Vec<u8>>, String> {
        for d in self.destinations.iter_mut().filter(|d| d.open()) {
            let result = d
                .stream
                .finish(run, &mut d.out)
                .and_then(|()| d.out.flush());
            d.record(result, self.lang);
        }
        if let Some(failure) = self.destinations.iter_mut().find_map(|d| d.failed.take()) {
            return Err(failure);
        }
        Ok(self.job_summary.map(|(mut stream, mut text)| {
            let _ = stream.finish(run, &mut text);
            text
        }))
    }
}
