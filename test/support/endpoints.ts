import { Template } from 'aws-cdk-lib/assertions';

/**
 * The endpoint services of every AWS::EC2::VPCEndpoint in a template, with their type (`Interface sqs`): the last part
 * of the service name, written out (`com.amazonaws.eu-west-1.sqs`, in a stack with a Region) or joined with the Region.
 */
export function endpointsIn(template: Template): string[] {
  return Object.values(template.findResources('AWS::EC2::VPCEndpoint')).map((r) => {
    const props = r.Properties as { ServiceName: unknown; VpcEndpointType?: string };
    const name = props.ServiceName;
    const service = typeof name === 'string'
      ? name.replace(/^com\.amazonaws\.[a-z]{2}(-[a-z]+)+-\d\./, '')
      : /\.([a-z0-9.-]+)"\]\]\}$/.exec(JSON.stringify(name))?.[1] ?? JSON.stringify(name);
    return `${props.VpcEndpointType ?? 'Gateway'} ${service}`;
  }).sort();
}
