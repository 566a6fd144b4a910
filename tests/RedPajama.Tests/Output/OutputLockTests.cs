using RedPajama.Engine;
using RedPajama.Output;
using RedPajama.Tests.Support;

namespace RedPajama.Tests.Output;

public sealed class OutputLockTests
{
    [Fact]
    public void A_second_run_on_a_locked_output_is_refused_with_the_owner_named_until_the_first_releases_it()
    {
        using var directory = new TemporaryDirectory();
        string output = directory.Combine("out");

        using (OutputCommitter first = OutputCommitter.Begin(output))
        {
            Action second = () => OutputCommitter.Begin(output);

            second.Should().Throw<RunFailedException>()
                .WithMessage($"*in use by another run (pid {Environment.ProcessId} on host {Environment.MachineName}*");
            Directory.Exists(first.StagingDirectory).Should().BeTrue("the refused run must not touch the first run's files");
        }

        using OutputCommitter third = OutputCommitter.Begin(output);
        third.StagingDirectory.Should().StartWith(Path.Combine(Path.GetFullPath(output), "_temporary"));
    }

    [Fact]
    public void The_lock_of_a_dead_process_on_this_host_is_stale_and_taken_over()
    {
        using var directory = new TemporaryDirectory();
        string lockFile = directory.Combine(OutputLock.FileName);
        File.WriteAllText(lockFile, new RunOwner(OutputState.DeadPid(), Environment.MachineName, DateTime.UtcNow, DateTime.UtcNow).ToJson());
        var warnings = new List<string>();

        using (OutputLock.Acquire(directory.Path, warnings.Add))
        {
            RunOwner.TryRead(lockFile)!.Pid.Should().Be(Environment.ProcessId);
        }

        warnings.Should().ContainSingle().Which.Should().Contain("stale lock");
        File.Exists(lockFile).Should().BeFalse("the lock is released on dispose");
    }

    [Fact]
    public void A_reused_pid_does_not_keep_a_lock_alive()
    {
        // Pid 1 is running, but it is not the process that started at the recorded time.
        var reused = new RunOwner(1, Environment.MachineName, DateTime.UtcNow.AddYears(-10), DateTime.UtcNow);

        reused.IsAlive(DateTime.UtcNow).Should().BeFalse();
        RunOwner.Current().IsAlive(DateTime.UtcNow).Should().BeTrue();
    }

    [Fact]
    public void A_lock_from_another_host_is_respected_while_its_heartbeat_is_fresh()
    {
        using var directory = new TemporaryDirectory();
        string lockFile = directory.Combine(OutputLock.FileName);
        File.WriteAllText(lockFile, new RunOwner(12345, "some-other-host", DateTime.UtcNow, DateTime.UtcNow).ToJson());

        Action fresh = () => OutputLock.Acquire(directory.Path).Dispose();
        fresh.Should().Throw<RunFailedException>().WithMessage("*pid 12345 on host some-other-host*delete*");

        File.SetLastWriteTimeUtc(lockFile, DateTime.UtcNow - RunOwner.RemoteExpiry - TimeSpan.FromMinutes(1));
        fresh.Should().NotThrow("a remote lock without a heartbeat for longer than the expiry is stale");
    }

    [Fact]
    public void Two_runs_starting_at_once_never_both_get_the_lock()
    {
        using var directory = new TemporaryDirectory();
        int winners = 0;
        var locks = new System.Collections.Concurrent.ConcurrentBag<OutputLock>();

        Parallel.For(0, 16, new ParallelOptions { MaxDegreeOfParallelism = 16 }, _ =>
        {
            try
            {
                locks.Add(OutputLock.Acquire(directory.Path));
                Interlocked.Increment(ref winners);
            }
            catch (RunFailedException)
            {
            }
        });

        winners.Should().Be(1);
        foreach (OutputLock held in locks)
        {
            held.Dispose();
        }
    }

    [Fact]
    public void Runs_taking_over_one_stale_lock_at_once_leave_exactly_one_holder()
    {
        for (int round = 0; round < 20; round++)
        {
            using var directory = new TemporaryDirectory();
            string path = Path.Combine(directory.Path, OutputLock.FileName);
            File.WriteAllText(path, new RunOwner(OutputState.DeadPid(), Environment.MachineName, DateTime.UtcNow, DateTime.UtcNow).ToJson());
            var locks = new System.Collections.Concurrent.ConcurrentBag<OutputLock>();

            Parallel.For(0, 8, new ParallelOptions { MaxDegreeOfParallelism = 8 }, _ =>
            {
                try
                {
                    locks.Add(OutputLock.Acquire(directory.Path));
                }
                catch (RunFailedException)
                {
                }
            });

            locks.Should().ContainSingle("round {0}: deleting a stale lock in place could remove the new lock of a faster taker", round);
            RunOwner.TryRead(path).Should().Be(RunOwner.TryRead(locks.Single().FilePath));
            Directory.EnumerateFiles(directory.Path, "*.takeover", new EnumerationOptions { AttributesToSkip = 0 }).Should().BeEmpty();
            foreach (OutputLock held in locks)
            {
                held.Dispose();
            }
        }
    }
}
