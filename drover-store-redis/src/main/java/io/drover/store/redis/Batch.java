package io.drover.store.redis;

import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * Commands sent together: queued here, written to the connection in one flush (a pipeline), then
 * awaited. Round trips are what a queue costs, so every store operation is one or a few batches.
 *
 * <p>A script call answered with {@code NOSCRIPT} (the server restarted or its script cache was
 * flushed) did not run; its script is loaded again and the call sent again, after the calls of the
 * batch that did run. Any other failure becomes a {@link io.drover.StoreUnavailableException}, or a
 * {@link io.drover.StoreFailureException} when the server answered with an error ({@link
 * RedisErrors}), naming the operation.
 */
final class Batch {
  /** Sends per call before giving up: NOSCRIPT again right after loading means a flush loop. */
  private static final int MAX_SENDS = 3;

  private final RedisLink link;
  private final String operation;
  private final List<Call<?>> calls = new ArrayList<>();
  private int sent; // calls already written by send()

  Batch(RedisLink link, String operation) {
    this.link = link;
    this.operation = operation;
  }

  /** Queues a plain command. */
  <T> Reply<T> command(Function<RedisAsyncCommands<String, String>, RedisFuture<T>> command) {
    return add(new Call<>(null, command));
  }

  /** Queues a script whose answer is a (possibly nested) list. */
  Reply<List<Object>> list(LuaScript script, List<String> keys, List<String> args) {
    return eval(script, ScriptOutputType.MULTI, keys, args);
  }

  /** Queues a script whose answer is one string. */
  Reply<String> text(LuaScript script, List<String> keys, List<String> args) {
    return eval(script, ScriptOutputType.VALUE, keys, args);
  }

  /** Queues a script whose answer is an integer. */
  Reply<Long> integer(LuaScript script, List<String> keys, List<String> args) {
    return eval(script, ScriptOutputType.INTEGER, keys, args);
  }

  boolean isEmpty() {
    return calls.isEmpty();
  }

  /**
   * Writes the commands queued so far without waiting for their answers, so the server runs them
   * while the caller prepares the next ones; {@link #execute} sends the rest and waits for all.
   *
   * @throws io.drover.StoreUnavailableException when the commands cannot be written
   */
  void send() {
    if (sent == calls.size()) {
      return;
    }
    try {
      link.issue(calls.subList(sent, calls.size()));
    } catch (RuntimeException e) {
      calls.forEach(Call::cancel);
      throw link.unavailable(operation, e);
    }
    sent = calls.size();
  }

  /**
   * Sends every queued command not sent yet in one write and waits for all answers.
   *
   * @throws io.drover.StoreUnavailableException when the server is gone or did not answer in time
   * @throws io.drover.StoreFailureException when the server answered a command with an error
   */
  void execute() {
    send();
    List<Call<?>> pending = calls;
    for (int round = 1; !pending.isEmpty(); round++) {
      if (round > 1) {
        try {
          link.issue(pending);
        } catch (RuntimeException e) {
          throw link.unavailable(operation, e);
        }
      }
      long deadline = System.nanoTime() + link.timeout().toNanos();
      List<Call<?>> unloaded = new ArrayList<>();
      for (Call<?> call : pending) {
        Throwable failure = call.await(deadline);
        if (failure instanceof RedisNoScriptException && call.script != null && round < MAX_SENDS) {
          unloaded.add(call);
        } else if (failure != null) {
          // Lettuce keeps commands for a reconnect; a caller told "failed" must not see them run.
          pending.forEach(Call::cancel);
          throw link.failed(operation, failure);
        }
      }
      if (!unloaded.isEmpty()) {
        Set<LuaScript> scripts = new LinkedHashSet<>();
        unloaded.forEach(call -> scripts.add(call.script));
        link.load(scripts);
      }
      pending = unloaded;
    }
  }

  private <T> Reply<T> eval(
      LuaScript script, ScriptOutputType type, List<String> keys, List<String> args) {
    String[] keyArray = keys.toArray(String[]::new);
    String[] argArray = args.toArray(String[]::new);
    return add(
        new Call<T>(script, commands -> commands.evalsha(script.sha(), type, keyArray, argArray)));
  }

  private <T> Call<T> add(Call<T> call) {
    calls.add(call);
    return call;
  }

  /** One queued command: how to send it, and once sent, its future and value. */
  static final class Call<T> implements Reply<T> {
    private final LuaScript script;
    private final Function<RedisAsyncCommands<String, String>, RedisFuture<T>> send;
    private RedisFuture<T> future;
    private T value;
    private boolean answered;

    private Call(
        LuaScript script, Function<RedisAsyncCommands<String, String>, RedisFuture<T>> send) {
      this.script = script;
      this.send = send;
    }

    void send(RedisAsyncCommands<String, String> commands) {
      future = send.apply(commands);
    }

    /** Waits for the answer until {@code deadline} (a nanoTime); returns the failure, or null. */
    private Throwable await(long deadline) {
      try {
        value = future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        answered = true;
        return null;
      } catch (ExecutionException e) {
        return e.getCause();
      } catch (TimeoutException e) {
        return e;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return e;
      }
    }

    private void cancel() {
      if (future != null && !future.isDone()) {
        future.cancel(true);
      }
    }

    @Override
    public T get() {
      if (!answered) {
        throw new IllegalStateException("batch not executed yet");
      }
      return value;
    }
  }
}
