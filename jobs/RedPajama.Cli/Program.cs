using RedPajama.Cli;

return await RedPajamaCommand.InvokeAsync(args).ConfigureAwait(false);
