package io.modelbridge.examples.sampleplugin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import io.modelbridge.adapters.spi.AdapterConfig;
import io.modelbridge.adapters.spi.AdapterRegistry;
import io.modelbridge.adapters.spi.OperationDescriptor;
import io.modelbridge.adapters.spi.SystemAdapter;
import io.modelbridge.core.CallContext;
import io.modelbridge.core.hook.ToolOutcome;
import io.modelbridge.core.tools.ApprovalDecision;
import io.modelbridge.core.tools.GovernedTools;
import io.modelbridge.core.tools.PolicyDecision;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A host application that knows nothing of the sample plugin finds it on its class path: the plugin jar
 * ({@code modelbridge-sample-plugin}) is only a test dependency of this module, and this test names no
 * class of it. It discovers the plugin, creates a system from configuration text, lists the operations and
 * lets a model use them through governed tools.
 */
class SamplePluginDiscoveryTest {

  private static final CallContext AGENT = CallContext.of("acme", "agent-7", "help-desk");

  @Test
  void hostDiscoversThePluginFromItsClassPath_withNoCodeChange() {
    AdapterRegistry registry = AdapterRegistry.discover();
    assertThat(registry.providers()).containsKey("legacy-tickets");
    assertThat(registry.rejected()).isEmpty();
    var provider = registry.provider("legacy-tickets").orElseThrow();
    assertThat(provider.version()).isEqualTo("1.0.0");
    assertThat(provider.getClass().getPackageName()).isEqualTo("io.modelbridge.examples.sampleplugin");

    try (SystemAdapter tickets = registry.create("legacy-tickets",
        AdapterConfig.builder("helpdesk").set("desk", "Berlin").set("instance", "discovery-test").build())) {
      assertThat(tickets.descriptor().operations()).extracting(OperationDescriptor::name)
          .containsExactly("tickets.get", "tickets.byStatus", "tickets.close");

      List<ApprovalDecision> decisions = new ArrayList<>();
      GovernedTools tools = GovernedTools.builder()
          .adapter(tickets)
          .policy((ctx, tool) -> PolicyDecision.allow("help-desk-agents", "agents work tickets"))
          .approver(request -> {
            ApprovalDecision d = request.preview().contains("\"status\":\"CLOSED\"")
                ? ApprovalDecision.approve("supervisor-1", "resolution is fine")
                : ApprovalDecision.reject("supervisor-1", "preview does not close the ticket");
            decisions.add(d);
            return d;
          })
          .build();
      assertThat(tools.toolSpecifications(AGENT)).extracting(ToolSpecification::name)
          .containsExactly("helpdesk_tickets_get", "helpdesk_tickets_byStatus", "helpdesk_tickets_close");

      ToolOutcome read = tools.execute(AGENT, ToolExecutionRequest.builder().id("1")
          .name("helpdesk_tickets_get").arguments("{\"id\":2}").build());
      assertThat(read.status()).isEqualTo(ToolOutcome.Status.EXECUTED);
      assertThat(read.result()).contains("Printer 2 jams").contains("\"desk\":\"Berlin\"")
          .contains("\"version\":\"1\"");

      ToolOutcome close = tools.execute(AGENT, ToolExecutionRequest.builder().id("2")
          .name("helpdesk_tickets_close")
          .arguments("{\"id\":2,\"resolution\":\"cleaned the rollers\",\"expectedVersion\":\"1\"}").build());
      assertThat(close.status()).isEqualTo(ToolOutcome.Status.EXECUTED);
      assertThat(decisions).extracting(ApprovalDecision::approved).containsExactly(true);

      ToolOutcome open = tools.execute(AGENT, ToolExecutionRequest.builder().id("3")
          .name("helpdesk_tickets_byStatus").arguments("{\"status\":\"OPEN\"}").build());
      assertThat(open.result()).contains("\"returned\":2").contains("Printer 1 jams").contains("Printer 3 jams")
          .doesNotContain("Printer 2 jams");
    }
  }
}
