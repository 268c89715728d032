package io.modelbridge.core.gateway.internal;

import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;
import io.modelbridge.core.gateway.BudgetExceededException;
import io.modelbridge.core.gateway.StreamInterruptedException;
import io.modelbridge.core.hook.ModelAnswer;

/**
 * The tenant's token budget: an estimate is reserved before the providers are asked and settled to the
 * reported usage (for a stream, the usage of its final response); a failed call settles to nothing, a stream
 * that broke off to what it delivered.
 */
public final class BudgetLink implements Link {

  private final TokenBudgets budgets;
  private final long outputReserve;
  private final MetricsRecorder metrics;

  /** Charges {@code budgets}, reserving {@code outputReserve} for an answer of unknown length. */
  public BudgetLink(TokenBudgets budgets, long outputReserve, MetricsRecorder metrics) {
    this.budgets = budgets;
    this.outputReserve = outputReserve;
    this.metrics = metrics;
  }

  @Override
  public ModelAnswer intercept(Exchange exchange, Chain next) {
    ChatRequest req = exchange.request();
    long estimate = RequestKeys.estimateInputTokens(req)
        + (req.maxOutputTokens() != null ? req.maxOutputTokens() : outputReserve);
    TokenBudgets.Reservation reservation;
    try {
      reservation = budgets.reserve(exchange.context().tenant(), estimate);
    } catch (BudgetExceededException e) {
      metrics.budgetRefusal();
      throw e;
    }
    ModelAnswer answer;
    try {
      answer = next.proceed(exchange);
    } catch (StreamInterruptedException e) {
      budgets.settle(reservation, RequestKeys.estimateInputTokens(req) + RequestKeys.estimateTokens(e.charsDelivered()));
      throw e;
    } catch (RuntimeException e) {
      budgets.settle(reservation, 0);
      throw e;
    }
    budgets.settle(reservation, usedTokens(req, answer.response()));
    return answer;
  }

  /** The tokens a response used: its reported usage, or an estimate from the texts. */
  static long usedTokens(ChatRequest request, ChatResponse response) {
    TokenUsage usage = response.tokenUsage();
    if (usage != null && usage.totalTokenCount() != null) {
      return usage.totalTokenCount();
    }
    String text = response.aiMessage() != null && response.aiMessage().text() != null ? response.aiMessage().text() : "";
    return RequestKeys.estimateInputTokens(request) + RequestKeys.estimateTokens(text.length());
  }
}
