import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';

/** Where the API can be called from. */
export class ApiEndpoint {
  /** A Regional endpoint: clients in the Region reach it directly; put CloudFront in front yourself if needed. */
  public static regional(): ApiEndpoint {
    return new ApiEndpoint(apigateway.EndpointType.REGIONAL, []);
  }

  /** An edge-optimized endpoint, fronted by a CloudFront distribution AWS manages. Integration timeout stays ≤ 29 s. */
  public static edge(): ApiEndpoint {
    return new ApiEndpoint(apigateway.EndpointType.EDGE, []);
  }

  /**
   * A private endpoint: reachable only through these interface VPC endpoints for `execute-api`. The pattern writes
   * the resource policy that allows them and denies every other source (without one, every call fails).
   */
  public static private(vpcEndpoints: ec2.IInterfaceVpcEndpoint[]): ApiEndpoint {
    return new ApiEndpoint(apigateway.EndpointType.PRIVATE, vpcEndpoints);
  }

  private constructor(
    public readonly type: apigateway.EndpointType,
    public readonly vpcEndpoints: readonly ec2.IInterfaceVpcEndpoint[],
  ) {}

  /** Whether the integration timeout can be raised above 29 s (by a quota increase): Regional and private only. */
  public get timeoutRaisable(): boolean {
    return this.type !== apigateway.EndpointType.EDGE;
  }
}

/**
 * The resource policy of a private API: invoke only through the given VPC endpoints. The Deny makes the
 * restriction hold even for callers whose own IAM policy allows execute-api:Invoke everywhere.
 */
export function privateEndpointStatements(vpcEndpoints: readonly ec2.IInterfaceVpcEndpoint[]): iam.PolicyStatement[] {
  const ids = vpcEndpoints.map((e) => e.vpcEndpointId);
  return [
    new iam.PolicyStatement({
      sid: 'InvokeThroughVpcEndpoints',
      principals: [new iam.AnyPrincipal()],
      actions: ['execute-api:Invoke'],
      resources: ['execute-api:/*'],
      conditions: { StringEquals: { 'aws:SourceVpce': ids } },
    }),
    new iam.PolicyStatement({
      sid: 'DenyOtherSources',
      effect: iam.Effect.DENY,
      principals: [new iam.AnyPrincipal()],
      actions: ['execute-api:Invoke'],
      resources: ['execute-api:/*'],
      conditions: { StringNotEquals: { 'aws:SourceVpce': ids } },
    }),
  ];
}
