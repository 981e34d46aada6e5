import { Fn, Lazy, Names, Stack } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';
import { ValidationError, acknowledge, createAlarmTopic, createEncryptionKey } from '../../core';
import { createServerErrorsAlarm } from './alarms';
import { AUTHORIZED_API_ACKNOWLEDGEMENTS, publicRouteAcknowledgements } from './acknowledgements';
import { ApiAuthorizer } from './authorizer';
import { AUTHORIZED_API_DEFAULTS } from './defaults';
import { ApiEndpoint, privateEndpointStatements } from './endpoint';
import { WebAclOption, createFirewall } from './firewall';
import { accessLogFormat, accountCloudWatchRole, createApiLogGroup } from './logs';
import { ApiRoute, AuthorizedApiProps, ThrottlingOptions } from './props';
import { MessageIntegration, createQueueIntegration, createTopicIntegration } from './message-integration';
import { queueFacts, targetFacts, topicFacts } from './target-facts';
import { RouteKey } from './route-key';
import { RouteContext, checkRoutes, functionTimeout, routeAuthorization } from './route-rules';
import { sharedAlarmTopic, sharedMessageKey } from './shared-key';
import { AUTHORIZED_API_RULES } from './rules';
import { pinPermissionsToAccount } from './permissions';
import { methodSettings } from './stage-settings';
import { Checks } from './checks';
import { DEFAULT_INTEGRATION_TIMEOUT, checkApi, checkAuthorizer } from './validate';

/**
 * An API Gateway REST API whose every method is authorized on purpose: by a Lambda TOKEN or REQUEST authorizer,
 * a Cognito user pool, or IAM, unless its route says `authorization: 'none'`. Routes go to Lambda functions (proxy
 * integration) or straight to SQS queues (service integration, through a role for that queue only).
 *
 * Regional endpoint, stage throttling, JSON access logs and execution logs (ERROR) to encrypted log groups kept a
 * year, X-Ray, request validation and an AWS WAF web ACL. Every prop and route is checked at synth time, all
 * problems reported together; a method added to `restApi` without authorization fails the synth.
 */
export class AuthorizedApi extends Construct {
  /** The REST API. Add routes with `addRoute`: a method added here directly must carry its own authorization. */
  public readonly restApi: apigateway.RestApi;
  /** The stage every route is deployed to. */
  public readonly stage: apigateway.Stage;
  /** Where the JSON access log goes. */
  public readonly accessLogGroup: logs.ILogGroup;
  /** The execution log group, made before API Gateway would make it without encryption or retention. */
  public readonly executionLogGroup: logs.ILogGroup;
  /** The web ACL the pattern made, if it made one. */
  public readonly webAcl?: wafv2.CfnWebACL;
  /** The usage plan, when `usagePlan` is given. */
  public readonly usagePlan?: apigateway.UsagePlan;
  /** The validator of every route's required parameters and body schema. */
  public readonly requestValidator: apigateway.RequestValidator;
  /**
   * The topic the API's alarm notifies: subscribe your pager or email to it. For an API in front of one pattern's
   * queues or topic, that pattern's alarm topic. Undefined with `alarms: false` and no `alarmTopic`.
   */
  public readonly alarmTopic?: sns.ITopic;
  /** Any server error (5XX) within a minute; undefined with `alarms: false`. */
  public readonly serverErrorsAlarm?: cloudwatch.Alarm;

  private readonly props: AuthorizedApiProps;
  private readonly endpoint: ApiEndpoint;
  private readonly apiAuthorizer: ApiAuthorizer;
  private readonly routeScope: Construct;
  private readonly routes: RouteKey[] = [];
  private readonly routeThrottling: { route: RouteKey; throttling: ThrottlingOptions }[] = [];
  private readonly publicMethods = new Set<apigateway.Method>();
  private readonly routeMethods = new Map<string, apigateway.Method>();
  private readonly queueRoles = new Map<string, iam.IRole>();
  private readonly topicRoles = new Map<string, iam.IRole>();
  private patternKey?: kms.IKey;

  constructor(scope: Construct, id: string, props: AuthorizedApiProps) {
    super(scope, id);
    this.props = props;
    this.endpoint = props.endpoint ?? ApiEndpoint.regional();

    const checks = new Checks(this);
    checkApi(checks, props, this.endpoint);
    const auth = props.authorizer;
    checkAuthorizer(checks, auth, auth.type === 'token' || auth.type === 'request' ? functionTimeout(auth.function, auth.functionTimeout) : undefined);
    const parsed = checkRoutes(checks, props.routes ?? {}, [], this.routeContext());
    checks.report();

    const stageName = props.stageName ?? AUTHORIZED_API_DEFAULTS.stageName;
    const retention = props.logRetention ?? AUTHORIZED_API_DEFAULTS.logRetention;
    const uniqueName = Names.uniqueResourceName(this, { maxLength: 200, separator: '-' });
    this.accessLogGroup = props.accessLogGroup ?? createApiLogGroup(this, 'AccessLogs', {
      logGroupName: `/decoupled/apigateway/${uniqueName}/access`, key: this.key(), retention, purpose: 'access',
    });
    this.restApi = new apigateway.RestApi(this, 'Api', {
      restApiName: props.restApiName ?? uniqueName,
      description: `${this.node.path}: every method authorized (AuthorizedApi)`,
      endpointConfiguration: {
        types: [this.endpoint.type],
        vpcEndpoints: this.endpoint.vpcEndpoints.length > 0 ? [...this.endpoint.vpcEndpoints] : undefined,
      },
      policy: this.resourcePolicy(),
      cloudWatchRole: false,
      deployOptions: {
        stageName,
        accessLogDestination: new apigateway.LogGroupLogDestination(this.accessLogGroup),
        accessLogFormat: accessLogFormat(),
        tracingEnabled: true,
        cacheClusterEnabled: props.cache ? true : undefined,
        cacheClusterSize: props.cache ? props.cache.size ?? '0.5' : undefined,
      },
      defaultCorsPreflightOptions: props.cors,
      apiKeySourceType: props.usagePlan?.apiKeySource,
      domainName: props.domainName && {
        securityPolicy: apigateway.SecurityPolicy.TLS_1_2,
        endpointType: this.endpoint.type === apigateway.EndpointType.EDGE ? apigateway.EndpointType.EDGE : apigateway.EndpointType.REGIONAL,
        ...props.domainName,
      },
      disableExecuteApiEndpoint: props.disableExecuteApiEndpoint,
    });
    this.stage = this.restApi.deploymentStage;
    const cfnStage = this.stage.node.defaultChild as apigateway.CfnStage;
    cfnStage.methodSettings = Lazy.any({
      produce: () => methodSettings({
        loggingLevel: props.executionLogLevel ?? AUTHORIZED_API_DEFAULTS.executionLogLevel,
        throttling: props.throttling ?? AUTHORIZED_API_DEFAULTS.throttling,
        cache: props.cache,
        routes: this.routeThrottling,
      }),
    });
    if (!props.cache) acknowledge(this.stage, ...AUTHORIZED_API_ACKNOWLEDGEMENTS.noStageCache);
    acknowledge(this.stage, ...AUTHORIZED_API_ACKNOWLEDGEMENTS.noClientCertificate);

    // API Gateway makes this log group on first use, unencrypted and kept forever; made here, it is neither.
    this.executionLogGroup = createApiLogGroup(this, 'ExecutionLogs', {
      logGroupName: Fn.join('', ['API-Gateway-Execution-Logs_', this.restApi.restApiId, `/${stageName}`]),
      key: this.key(),
      retention,
      purpose: 'execution',
    });
    this.stage.node.addDependency(this.executionLogGroup);
    if (props.setAccountCloudWatchRole ?? true) this.stage.node.addDependency(accountCloudWatchRole(this));

    this.apiAuthorizer = new ApiAuthorizer(this, auth);
    this.requestValidator = this.restApi.addRequestValidator('RequestValidator', { validateRequestBody: true, validateRequestParameters: true });
    if (props.cors) this.addCorsToGatewayResponses(props.cors);
    if (props.usagePlan) {
      this.usagePlan = this.restApi.addUsagePlan('UsagePlan', {
        throttle: props.usagePlan.throttle,
        quota: props.usagePlan.quota,
        apiStages: [{ api: this.restApi, stage: this.stage }],
      });
    }
    this.routeScope = new Construct(this, 'Routes');
    for (const [key, route] of Object.entries(props.routes ?? {})) this.buildRoute(parsed.get(key) as RouteKey, route);

    this.webAcl = createFirewall(this, props.webAcl ?? WebAclOption.create(), {
      stageArn: this.stage.stageArn, key: () => this.key(), logRetention: retention,
    });
    this.node.addValidation({ validate: () => this.openMethods() });

    this.alarmTopic = props.alarmTopic;
    if (props.alarms ?? true) {
      this.alarmTopic ??= sharedAlarmTopic(props.routes ?? {}) ?? createAlarmTopic(this, 'AlarmTopic', this.key());
      this.serverErrorsAlarm = createServerErrorsAlarm(this, this.stage, this.alarmTopic);
    }
  }

  /**
   * The Lambda or Cognito authorizer, made with the first route it authorizes; undefined for IAM authorization
   * (SigV4 is a method's authorization type, not an authorizer resource) and while no route uses it.
   */
  public get authorizer(): apigateway.IAuthorizer | undefined {
    return this.apiAuthorizer.authorizer;
  }

  /** The URL of the stage: `https://{id}.execute-api.{region}.amazonaws.com/{stage}/`. */
  public get url(): string {
    return this.restApi.url;
  }

  /** Adds one route, checked like the routes given at construction (against them too). */
  public addRoute(key: string, route: ApiRoute): apigateway.Method {
    const checks = new Checks(this);
    const parsed = checkRoutes(checks, { [key]: route }, this.routes, this.routeContext());
    checks.report();
    return this.buildRoute(parsed.get(key) as RouteKey, route);
  }

  /** The method of a route, by its key. */
  public method(routeKey: string): apigateway.Method | undefined {
    return this.routeMethods.get(routeKey);
  }

  /** The role API Gateway sends to a queue route's queue with. */
  public queueRole(routeKey: string): iam.IRole | undefined {
    return this.queueRoles.get(routeKey);
  }

  /** The role API Gateway publishes to a topic route's topic with. */
  public topicRole(routeKey: string): iam.IRole | undefined {
    return this.topicRoles.get(routeKey);
  }

  /**
   * Lets `grantee` call the API's routes (or one route) with SigV4: `execute-api:Invoke` on the stage. Needed for
   * routes authorized by IAM.
   */
  public grantInvoke(grantee: iam.IGrantable, routeKey?: string): iam.Grant {
    const route = routeKey === undefined ? undefined : this.routes.find((r) => r.key === routeKey);
    if (routeKey !== undefined && !route) {
      throw new ValidationError(this, [{
        code: AUTHORIZED_API_RULES.routeKey, path: this.node.path, prop: 'grantInvoke(routeKey)', value: `'${routeKey}'`,
        rule: 'is not a route of this API', fix: `Use one of: ${this.routes.map((r) => `'${r.key}'`).join(', ')}.`,
      }]);
    }
    // A path variable matches any value: in the method ARN it is a wildcard.
    const arn = route
      ? this.restApi.arnForExecuteApi(route.method === 'ANY' ? '*' : route.method, route.path.replace(/\{[^}]+\}/g, '*'), this.stage.stageName)
      : this.restApi.arnForExecuteApi('*', '/*', this.stage.stageName);
    return iam.Grant.addToPrincipal({ grantee, actions: ['execute-api:Invoke'], resourceArns: [arn] });
  }

  /** Adds an API key to the usage plan. */
  public addApiKey(id: string, options?: apigateway.ApiKeyOptions): apigateway.IApiKey {
    if (!this.usagePlan) {
      throw new ValidationError(this, [{
        code: AUTHORIZED_API_RULES.apiKeyWithoutUsagePlan, path: this.node.path, prop: 'usagePlan', value: 'is not set',
        rule: 'so an API key would belong to no plan, and API Gateway would refuse it', fix: 'Set usagePlan, then add keys.',
      }]);
    }
    const apiKey = this.restApi.addApiKey(id, options);
    this.usagePlan.addApiKey(apiKey);
    return apiKey;
  }

  /** 4XX answers of the stage (API Gateway's own, such as 401 and 403, and the integrations'). */
  public metricClientError(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.stage.metricClientError(props);
  }

  /** 5XX answers of the stage. */
  public metricServerError(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.stage.metricServerError(props);
  }

  /** Requests to the stage. */
  public metricCount(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.stage.metricCount(props);
  }

  /** Time from request to answer, as API Gateway sees it. */
  public metricLatency(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.stage.metricLatency(props);
  }

  /** Time the integrations take. */
  public metricIntegrationLatency(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.stage.metricIntegrationLatency(props);
  }

  private routeContext(): RouteContext {
    return {
      authorizer: this.props.authorizer,
      cors: this.props.cors !== undefined,
      usagePlan: this.props.usagePlan !== undefined,
      endpoint: this.endpoint,
      targetFacts: (route) => targetFacts(this, route),
    };
  }

  private buildRoute(parsed: RouteKey, route: ApiRoute): apigateway.Method {
    const holder = new Construct(this.routeScope, parsed.key);
    const timeout = route.integrationTimeout ?? DEFAULT_INTEGRATION_TIMEOUT;
    const headers = new Set(route.requiredHeaders ?? []);
    let integration: apigateway.Integration;
    let methodResponses: apigateway.MethodResponse[] | undefined;
    let policy: iam.ManagedPolicy | undefined;
    if (route.function) {
      integration = new apigateway.LambdaIntegration(route.function, { timeout, allowTestInvoke: false });
    } else {
      let message: MessageIntegration;
      if (route.queue) {
        message = createQueueIntegration(holder, parsed.key, route, route.queue, queueFacts(this, route.queue), timeout);
        this.queueRoles.set(parsed.key, message.role);
      } else {
        // checkRoutes made sure that a route without function or queue has a topic.
        const topic = route.topic as sns.ITopic;
        message = createTopicIntegration(holder, parsed.key, route, topic, topicFacts(this, topic), timeout);
        this.topicRoles.set(parsed.key, message.role);
      }
      integration = message.integration;
      methodResponses = message.methodResponses;
      policy = message.policy;
      message.requiredHeaders.forEach((h) => headers.add(h));
    }
    const requestParameters: Record<string, boolean> = {};
    for (const h of headers) requestParameters[`method.request.header.${h}`] = true;
    for (const q of route.requiredQueryStrings ?? []) requestParameters[`method.request.querystring.${q}`] = true;
    const resource = this.restApi.root.resourceForPath(parsed.path);
    const method = resource.addMethod(parsed.method, integration, {
      ...this.apiAuthorizer.forRoute(route),
      apiKeyRequired: route.apiKeyRequired,
      requestValidator: this.requestValidator,
      requestParameters: Object.keys(requestParameters).length > 0 ? requestParameters : undefined,
      requestModels: route.requestSchema && {
        'application/json': new apigateway.Model(holder, 'RequestModel', { restApi: this.restApi, contentType: 'application/json', schema: route.requestSchema }),
      },
      methodResponses,
    });
    if (policy) method.node.addDependency(policy);
    const auth = this.props.authorizer;
    pinPermissionsToAccount(method, this.authorizer, auth.type === 'token' || auth.type === 'request' ? auth.function : undefined);
    const authorization = routeAuthorization(route, this.props.authorizer);
    if (authorization === 'none') {
      this.publicMethods.add(method);
      acknowledge(method, ...publicRouteAcknowledgements(parsed.key));
    } else if (authorization !== 'cognito') {
      acknowledge(method, ...AUTHORIZED_API_ACKNOWLEDGEMENTS.notCognito);
    }
    this.routes.push(parsed);
    this.routeMethods.set(parsed.key, method);
    if (route.throttling) this.routeThrottling.push({ route: parsed, throttling: route.throttling });
    return method;
  }

  /** A private API's resource policy (its VPC endpoints only) with the user's statements. */
  private resourcePolicy(): iam.PolicyDocument | undefined {
    if (this.endpoint.type !== apigateway.EndpointType.PRIVATE) return this.props.policy;
    const policy = this.props.policy ?? new iam.PolicyDocument();
    policy.addStatements(...privateEndpointStatements(this.endpoint.vpcEndpoints));
    return policy;
  }

  /** Browsers drop an answer without CORS headers: API Gateway's own 4XX and 5XX (a 401) get them too. */
  private addCorsToGatewayResponses(cors: apigateway.CorsOptions): void {
    const origin = cors.allowOrigins.length === 1 ? cors.allowOrigins[0] : '*';
    const responseHeaders = { 'Access-Control-Allow-Origin': `'${origin}'` };
    this.restApi.addGatewayResponse('Default4XX', { type: apigateway.ResponseType.DEFAULT_4XX, responseHeaders });
    this.restApi.addGatewayResponse('Default5XX', { type: apigateway.ResponseType.DEFAULT_5XX, responseHeaders });
  }

  /** Methods added to `restApi` without authorization, that no route made public on purpose. */
  private openMethods(): string[] {
    const checks = new Checks(this);
    for (const method of this.restApi.methods) {
      if (this.publicMethods.has(method)) continue;
      if (method.httpMethod === 'OPTIONS' && this.props.cors) continue;
      const cfn = method.node.defaultChild as apigateway.CfnMethod;
      const type: unknown = Stack.of(this).resolve(cfn.authorizationType);
      if (type !== undefined && type !== apigateway.AuthorizationType.NONE) continue;
      checks.error({
        code: AUTHORIZED_API_RULES.openMethod,
        prop: 'restApi',
        value: `has the method ${method.httpMethod} ${method.resource.path} (${method.node.path})`,
        rule: 'with no authorization, and no route of this API says authorization: \'none\' for it: it would be open to anyone',
        fix: `Add it with api.addRoute('${method.httpMethod} ${method.resource.path}', {...}) so it gets the API's authorizer, or give it authorizationType and authorizer, or make it public on purpose: api.addRoute(..., { authorization: 'none' }).`,
      });
    }
    checks.report();
    return [];
  }

  /**
   * The key for the log groups the pattern makes: the given one, the one the queues of the routes share (the key of
   * the pattern that made them), or one made on first use.
   */
  private key(): kms.IKey {
    this.patternKey ??= this.props.encryptionKey ?? sharedMessageKey(this, this.props.routes ?? {})
      ?? createEncryptionKey(this, 'Key', { description: `Encrypts the log groups of the API ${this.node.path}` });
    return this.patternKey;
  }
}
